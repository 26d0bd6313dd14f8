package reports

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden from testdata/audit.json")

// TestGolden renders the one shared input with every writer and compares the
// output with testdata/golden. Run `go test ./reports -run TestGolden -update`
// after an intended change and review the diff.
func TestGolden(t *testing.T) {
	a := loadTestAudit(t)
	b := testBundle(t)
	for _, w := range Writers() {
		t.Run(w.Format(), func(t *testing.T) {
			var first, second bytes.Buffer
			if err := w.Write(&first, a, b); err != nil {
				t.Fatal(err)
			}
			if err := w.Write(&second, a, b); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(first.Bytes(), second.Bytes()) {
				t.Fatal("two renderings of the same audit differ: the writer is not deterministic")
			}
			golden := filepath.Join("testdata", "golden", filepath.Base(w.DefaultPath()))
			if *update {
				if err := os.WriteFile(golden, first.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(first.Bytes(), want) {
				got := filepath.Join(t.TempDir(), filepath.Base(golden))
				os.WriteFile(got, first.Bytes(), 0o644)
				t.Errorf("%s differs from the golden file; got written to %s (diff them, or run with -update)", golden, got)
			}
		})
	}
}
