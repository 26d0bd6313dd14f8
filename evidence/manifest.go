package evidence

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// Manifest proves a bundle is unaltered: the SHA-256 of every file, with the
// tool and browser that made them, the command line and the UTC times.
type Manifest struct {
	SchemaVersion string            `json:"schemaVersion"`
	Tool          Tool              `json:"tool"`
	Browser       Browser           `json:"browser"`
	Command       []string          `json:"command"`
	StartedAt     time.Time         `json:"startedAt"`
	FinishedAt    time.Time         `json:"finishedAt"`
	WrittenAt     time.Time         `json:"writtenAt"`
	Files         map[string]string `json:"files"`
}

func hashFile(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// WriteManifest hashes every file of the bundle and writes manifest.json. Call
// it last, after every report is written.
func (b *Bundle) WriteManifest(a *Audit) (*Manifest, error) {
	files, err := b.Files()
	if err != nil {
		return nil, fmt.Errorf("list bundle: %w", err)
	}
	m := &Manifest{
		SchemaVersion: SchemaVersion, Tool: a.Tool, Browser: a.Browser, Command: a.Run.Command,
		StartedAt: a.Run.StartedAt, FinishedAt: a.Run.FinishedAt, WrittenAt: time.Now().UTC(),
		Files: make(map[string]string, len(files)),
	}
	for _, f := range files {
		sum, err := hashFile(filepath.Join(b.Dir, filepath.FromSlash(f)))
		if err != nil {
			return nil, fmt.Errorf("hash %s: %w", f, err)
		}
		m.Files[f] = sum
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode manifest: %w", err)
	}
	return m, b.WriteFile(ManifestFile, append(data, '\n'))
}

// Problem kinds found by Verify.
const (
	ProblemAltered    = "altered"
	ProblemMissing    = "missing"
	ProblemUnexpected = "unlisted"
)

// Problem is one file that does not match the manifest.
type Problem struct {
	File string
	Kind string
}

func (p Problem) String() string { return p.Kind + ": " + p.File }

// ErrNoManifest is returned by Verify for a folder without manifest.json.
var ErrNoManifest = errors.New("no manifest.json: not a darkaudit bundle, or the audit did not finish")

// Verify recomputes every hash in manifest.json and lists the files that were
// altered, are missing, or were added since.
func (b *Bundle) Verify() ([]Problem, error) {
	data, err := b.ReadFile(ManifestFile)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoManifest
	}
	if err != nil {
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("decode manifest: %w", err)
	}
	var problems []Problem
	names := make([]string, 0, len(m.Files))
	for f := range m.Files {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		sum, err := hashFile(filepath.Join(b.Dir, filepath.FromSlash(f)))
		switch {
		case errors.Is(err, os.ErrNotExist):
			problems = append(problems, Problem{f, ProblemMissing})
		case err != nil:
			return nil, fmt.Errorf("hash %s: %w", f, err)
		case sum != m.Files[f]:
			problems = append(problems, Problem{f, ProblemAltered})
		}
	}
	files, err := b.Files()
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		if _, ok := m.Files[f]; !ok {
			problems = append(problems, Problem{f, ProblemUnexpected})
		}
	}
	return problems, nil
}
