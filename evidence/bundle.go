package evidence

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// File names at the top of a bundle.
const (
	ReportFile   = "report.json"
	ManifestFile = "manifest.json"
	EvidenceDir  = "evidence"
)

// Bundle is an evidence folder being written or read. It is safe for
// concurrent use by the tabs of one audit.
type Bundle struct {
	Dir string

	mu    sync.Mutex
	names map[string]bool
}

// NewBundle creates dir and its evidence/ folder.
func NewBundle(dir string) (*Bundle, error) {
	if err := os.MkdirAll(filepath.Join(dir, EvidenceDir), 0o755); err != nil {
		return nil, fmt.Errorf("create bundle %s: %w", dir, err)
	}
	return &Bundle{Dir: dir, names: map[string]bool{}}, nil
}

// OpenBundle opens an existing bundle for reading or re-judging.
func OpenBundle(dir string) (*Bundle, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("open bundle: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("open bundle: %s is not a folder", dir)
	}
	return &Bundle{Dir: dir, names: map[string]bool{}}, nil
}

// SafeName turns page-derived text into a file-name fragment that can carry no
// path separators, dots-only names or markup.
func SafeName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		default:
			b.WriteByte('-')
		}
		if b.Len() >= 48 {
			break
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		out = "x"
	}
	return out
}

// WriteEvidence stores data as evidence/name and returns its reference. The
// name must be one SafeName produced (or as plain); a clash gets a suffix.
func (b *Bundle) WriteEvidence(name string, data []byte) (FileRef, error) {
	ext := path.Ext(name)
	base := SafeName(strings.TrimSuffix(name, ext))
	ext = "." + SafeName(strings.TrimPrefix(ext, "."))
	if ext == ".x" {
		ext = ".bin"
	}
	b.mu.Lock()
	rel := path.Join(EvidenceDir, base+ext)
	for i := 2; b.names[rel]; i++ {
		rel = path.Join(EvidenceDir, fmt.Sprintf("%s-%d%s", base, i, ext))
	}
	b.names[rel] = true
	b.mu.Unlock()
	if err := os.WriteFile(filepath.Join(b.Dir, filepath.FromSlash(rel)), data, 0o644); err != nil {
		return FileRef{}, fmt.Errorf("write evidence %s: %w", rel, err)
	}
	sum := sha256.Sum256(data)
	return FileRef{Path: rel, SHA256: hex.EncodeToString(sum[:])}, nil
}

// WriteFile writes a top-level file of the bundle (a report), replacing it.
func (b *Bundle) WriteFile(rel string, data []byte) error {
	p := filepath.Join(b.Dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	if err := os.Rename(tmp, p); err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	return nil
}

// ReadFile reads a file of the bundle by its bundle path.
func (b *Bundle) ReadFile(rel string) ([]byte, error) {
	if !fs.ValidPath(rel) {
		return nil, fmt.Errorf("read %q: not a path inside the bundle", rel)
	}
	return os.ReadFile(filepath.Join(b.Dir, filepath.FromSlash(rel)))
}

// SaveSnapshot writes a step's Snapshot as JSON next to its screenshot and
// records the path in step.SnapshotFile.
func (b *Bundle) SaveSnapshot(name string, step *Step) error {
	if step.Snapshot == nil {
		return nil
	}
	data, err := json.Marshal(step.Snapshot)
	if err != nil {
		return fmt.Errorf("encode snapshot %s: %w", name, err)
	}
	ref, err := b.WriteEvidence(name+".snapshot.json", data)
	if err != nil {
		return err
	}
	step.SnapshotFile = ref.Path
	return nil
}

// WriteReport writes report.json.
func (b *Bundle) WriteReport(a *Audit) error {
	data, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return fmt.Errorf("encode report: %w", err)
	}
	return b.WriteFile(ReportFile, append(data, '\n'))
}

// LoadAudit reads report.json and, when withSnapshots is set, every step's snapshot.
func (b *Bundle) LoadAudit(withSnapshots bool) (*Audit, error) {
	data, err := b.ReadFile(ReportFile)
	if err != nil {
		return nil, fmt.Errorf("read report: %w", err)
	}
	var a Audit
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, fmt.Errorf("decode %s: %w", filepath.Join(b.Dir, ReportFile), err)
	}
	if !withSnapshots {
		return &a, nil
	}
	var errs []error
	for _, t := range a.Targets {
		for _, j := range t.Journeys {
			for _, s := range j.Steps {
				if s.SnapshotFile == "" {
					continue
				}
				raw, err := b.ReadFile(s.SnapshotFile)
				if err != nil {
					errs = append(errs, err)
					continue
				}
				var snap Snapshot
				if err := json.Unmarshal(raw, &snap); err != nil {
					errs = append(errs, fmt.Errorf("decode %s: %w", s.SnapshotFile, err))
					continue
				}
				s.Snapshot = &snap
			}
		}
	}
	return &a, errors.Join(errs...)
}

// Files lists every file of the bundle (bundle paths, sorted), without the manifest.
func (b *Bundle) Files() ([]string, error) {
	var out []string
	err := filepath.WalkDir(b.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(b.Dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if rel == ManifestFile || strings.HasSuffix(rel, ".tmp") {
			return nil
		}
		out = append(out, rel)
		return nil
	})
	sort.Strings(out)
	return out, err
}
