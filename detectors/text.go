package detectors

import (
	"strings"
	"unicode"
)

// fold maps letters with diacritics to their base letters, so "Hinzufügen",
// "hinzufugen" and "HINZUFÜGEN" compare equal, as do "añadir" and "anadir".
var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ñ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y", 'ß': "ss",
	'ā': "a", 'ă': "a", 'ą': "a", 'ć': "c", 'č': "c", 'ď': "d", 'ē': "e", 'ę': "e", 'ě': "e",
	'ğ': "g", 'ī': "i", 'ı': "i", 'ł': "l", 'ń': "n", 'ň': "n", 'ō': "o", 'ő': "o",
	'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ť': "t", 'ū': "u", 'ů': "u", 'ű': "u",
	'ź': "z", 'ż': "z", 'ž': "z",
}

// normalize lower-cases s, folds diacritics and turns every run of
// characters that is not a letter or digit into one space. The result has no
// leading or trailing space. Soft hyphens and zero-width characters vanish.
func normalize(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		switch r {
		case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
			continue
		}
		if f, ok := fold[r]; ok {
			b.WriteString(f)
			space = false
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// stopwords are tokens too common to tie a cart line to a product.
var stopwords = map[string]bool{
	"the": true, "and": true, "for": true, "with": true, "of": true, "a": true, "an": true,
	"der": true, "die": true, "das": true, "und": true, "mit": true, "fur": true,
	"le": true, "la": true, "les": true, "et": true, "de": true, "du": true, "des": true, "pour": true, "avec": true,
	"el": true, "los": true, "las": true, "y": true, "con": true, "para": true,
	"il": true, "lo": true, "gli": true, "e": true, "di": true, "per": true,
	"het": true, "een": true, "en": true, "met": true, "voor": true, "van": true,
	"x": true, "qty": true, "pcs": true,
}

// tokens returns the distinctive words of s: normalised, without stopwords,
// without pure numbers and single letters.
func tokens(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.Fields(normalize(s)) {
		if len([]rune(w)) < 2 || stopwords[w] || isNumber(w) || seen[w] {
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

// clip shortens page text for a message.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
