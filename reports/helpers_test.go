package reports

import (
	"encoding/json"
	"image"
	_ "image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

// loadTestAudit reads the shared writer input, testdata/audit.json, and gives
// each step a Snapshot with its page size, as a fresh audit would have. The
// screenshots in testdata/evidence are drawn at a tenth of CSS pixels.
func loadTestAudit(t testing.TB) *evidence.Audit {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "audit.json"))
	if err != nil {
		t.Fatal(err)
	}
	var a evidence.Audit
	if err := json.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	for _, tg := range a.Targets {
		for _, j := range tg.Journeys {
			for _, s := range j.Steps {
				f, err := os.Open(filepath.Join("testdata", filepath.FromSlash(s.Screenshot)))
				if err != nil {
					t.Fatal(err)
				}
				cfg, _, err := image.DecodeConfig(f)
				f.Close()
				if err != nil {
					t.Fatalf("%s: %v", s.Screenshot, err)
				}
				s.Snapshot = &evidence.Snapshot{URL: s.URL, Title: s.Title, At: s.At,
					Viewport: evidence.Size{Width: cfg.Width * 10, Height: 800}, PageHeight: float64(cfg.Height * 10)}
			}
		}
	}
	return &a
}

func testBundle(t testing.TB) *evidence.Bundle {
	t.Helper()
	b, err := evidence.OpenBundle("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return b
}
