package detectors

import (
	"strings"
	"sync"
	"unicode"

	"github.com/darkaudit/darkaudit/evidence/lexicon"
	"github.com/darkaudit/darkaudit/evidence/text"
)

// normalize folds text for matching: it is evidence/text.Normalize, the one
// normaliser of the program (case, diacritics, soft hyphens, zero-width
// characters, odd spaces, full-width letters and look-alikes all folded).
func normalize(s string) string { return text.Normalize(s) }

// stopwords are tokens too common to tie a cart line to a product: the
// lexicon's "stopwords" of every language, normalised.
var stopwords = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range lexicon.Collect(func(l *lexicon.Language) []string { return l.Stopwords }) {
		m[normalize(w)] = true
	}
	return m
})

// tokens returns the distinctive words of s: normalised, without stopwords,
// without pure numbers and single letters.
func tokens(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(normalize(s)) {
		if len([]rune(w)) < 2 || stopwords()[w] || isNumber(w) || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

// nameOverlap is |A∩B| / min(|A|,|B|) over the distinctive words of a and b.
func nameOverlap(a, b string) float64 {
	ta, tb := tokens(a), tokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	set := map[string]bool{}
	for _, w := range ta {
		set[w] = true
	}
	n := 0
	for _, w := range tb {
		if set[w] {
			n++
		}
	}
	return float64(n) / float64(min(len(ta), len(tb)))
}

// sameName reports whether two product names name the same product.
func sameName(a, b string) bool { return nameOverlap(a, b) >= 0.5 }

// fingerprintText normalises page text for a fingerprint: digits are dropped
// so a changed price or count does not change the identity of a finding.
func fingerprintText(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(normalize(s)) {
		w = strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) {
				return -1
			}
			return r
		}, w)
		if w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

// clip shortens page text for a message: spaces collapsed, then
// text.Clip.
func clip(s string, n int) string { return text.Clip(strings.Join(strings.Fields(s), " "), n) }
