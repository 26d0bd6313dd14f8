package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
)

// Writer renders an audit in one format. Write must be deterministic: the same
// audit gives the same bytes (no clock, sorted maps).
type Writer interface {
	// Format is the name used in --format, e.g. "sarif".
	Format() string
	// DefaultPath is the bundle-relative file the format is written to.
	DefaultPath() string
	// Write renders a. b is the bundle the evidence lives in; it may be nil for
	// writers that need no files (the HTML report then shows no hashes it cannot
	// take from the snapshots).
	Write(w io.Writer, a *evidence.Audit, b *evidence.Bundle) error
}

// Writers lists every writer, in the order of --format's help text.
func Writers() []Writer {
	return []Writer{HTMLWriter{}, JSONWriter{}, SARIFWriter{}, JUnitWriter{}, MarkdownWriter{}}
}

// WriterFor returns the writer of a format name.
func WriterFor(format string) (Writer, bool) {
	for _, w := range Writers() {
		if w.Format() == format {
			return w, true
		}
	}
	return nil, false
}

func formatNames() []string {
	var names []string
	for _, w := range Writers() {
		names = append(names, w.Format())
	}
	return names
}

// Output is one report to write: a format and where to. Path is relative to
// the bundle folder, or absolute.
type Output struct {
	Format string
	Path   string
}

// ErrUnknownFormat is wrapped by ParseFormats for a format it does not know.
var ErrUnknownFormat = errors.New("unknown report format")

// ParseFormats reads a --format value such as "html,json,sarif=out/x.sarif,junit,md".
// The JSON report is the contract, so it is always included even when not
// listed. A format may be listed more than once with different paths.
func ParseFormats(spec string) ([]Output, error) {
	var outs []Output
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, path, hasPath := strings.Cut(item, "=")
		name = strings.ToLower(strings.TrimSpace(name))
		path = strings.TrimSpace(path)
		if name == "markdown" {
			name = "md"
		}
		w, ok := WriterFor(name)
		if !ok {
			return nil, fmt.Errorf("%w %q (valid: %s)", ErrUnknownFormat, name, strings.Join(formatNames(), ", "))
		}
		if hasPath && path == "" {
			return nil, fmt.Errorf("format %s: empty path after '='", name)
		}
		if !hasPath {
			path = w.DefaultPath()
		}
		if !filepath.IsAbs(path) && !filepath.IsLocal(filepath.FromSlash(path)) {
			return nil, fmt.Errorf("format %s: path %q leaves the bundle folder; give an absolute path instead", name, path)
		}
		o := Output{Format: name, Path: path}
		if !slices.Contains(outs, o) {
			outs = append(outs, o)
		}
	}
	if !slices.ContainsFunc(outs, func(o Output) bool { return o.Format == "json" }) {
		outs = append([]Output{{Format: "json", Path: evidence.ReportFile}}, outs...)
	}
	return outs, nil
}

// WriteAll renders every output and writes each atomically (a temporary file
// renamed into place): bundle-relative paths through b.WriteFile, absolute
// paths next to their destination. It writes what it can and returns every error.
func WriteAll(b *evidence.Bundle, a *evidence.Audit, outs []Output) error {
	var errs []error
	for _, o := range outs {
		w, ok := WriterFor(o.Format)
		if !ok {
			errs = append(errs, fmt.Errorf("%w %q (valid: %s)", ErrUnknownFormat, o.Format, strings.Join(formatNames(), ", ")))
			continue
		}
		var buf bytes.Buffer
		if err := w.Write(&buf, a, b); err != nil {
			errs = append(errs, fmt.Errorf("render %s: %w", o.Format, err))
			continue
		}
		if err := writeOutput(b, o.Path, buf.Bytes()); err != nil {
			errs = append(errs, fmt.Errorf("write %s report: %w", o.Format, err))
		}
	}
	return errors.Join(errs...)
}

func writeOutput(b *evidence.Bundle, path string, data []byte) error {
	if !filepath.IsAbs(path) {
		if b == nil {
			return fmt.Errorf("%s: a bundle-relative path needs a bundle", path)
		}
		if !filepath.IsLocal(filepath.FromSlash(path)) {
			return fmt.Errorf("%s: not a path inside the bundle", path)
		}
		return b.WriteFile(filepath.ToSlash(path), data)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
