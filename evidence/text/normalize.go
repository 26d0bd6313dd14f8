package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// letterFold spells letters that Unicode does not decompose into a base
// letter plus a mark, so "Straße" matches "strasse" and "Łódź" matches "lodz".
var letterFold = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ø': "o", 'Ø': "o", 'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d",
	'þ': "th", 'Þ': "th", 'ĸ': "k", 'ŀ': "l", 'Ŀ': "l", 'ſ': "s",
}

// Normalize folds s for matching:
//
//   - NFKD compatibility decomposition: full-width (ＰＬＡＣＥ), mathematical
//     alphanumeric (𝐏𝐥𝐚𝐜𝐞), ligature (ﬁ) and circled letters become plain
//     letters, and letters with diacritics split into base letter and mark;
//   - combining marks dropped (é → e, ü → u) and the letters Unicode does not
//     decompose spelled out (ß → ss, æ → ae, ø → o, ł → l, œ → oe);
//   - default-ignorable characters dropped: soft hyphen, zero-width space,
//     joiner and non-joiner, word joiner, BOM, bidi marks and overrides, tag
//     characters (U+E0000 block) and every other Cf character, variation
//     selectors and the rest of Unicode's Default_Ignorable_Code_Point, so
//     they never split a word;
//   - the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), letters that draw
//     as a blank, read as a space;
//   - look-alike letters of other scripts (Cyrillic, Greek, Cherokee, Lisu,
//     Armenian, Canadian syllabics, ...: see confusable.go) and enclosed
//     letters (🅿, 🅟, 🄿, regional indicators) mapped to the Latin letter
//     they imitate (Рlасе → place): the result is for matching, not display.
//     Latin letters and digits are never mapped;
//   - lower case;
//   - every run of anything that is not a letter or digit (all spaces,
//     NBSP, narrow NBSP, ideographic space, tabs, newlines, punctuation,
//     symbols) becomes one space, with none at either end.
//
// Apostrophes are punctuation like any other and become a space: "l'achat"
// is "l achat", "don't" is "don t". Phrases are normalised the same way, so
// "confirmer l'achat" still matches, and French elision never hides a word.
func Normalize(s string) string {
	if isPlainLower(s) {
		return s
	}
	// Look-alikes map before decomposition too: NFKD turns some of them into
	// letters that no longer look Latin (Greek lunate sigma ϲ becomes ς).
	s = norm.NFKD.String(strings.Map(func(r rune) rune {
		if l, ok := confusable[r]; ok {
			return l
		}
		if l, ok := enclosedLetter(r); ok {
			return l
		}
		return r
	}, s))
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		if isBlankLetter(r) {
			// A Hangul filler draws as a blank: between words it reads as a
			// space, and inside one it splits the word, which the guard's
			// squeezed check rejoins.
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		if ignorable(r) {
			continue
		}
		if l, ok := confusable[r]; ok {
			r = l
		}
		if f, ok := letterFold[r]; ok {
			b.WriteString(f)
			space = false
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			r = unicode.ToLower(r)
			// A capital may lower-case into a look-alike ("Ɩ" → "ɩ" → "i").
			if l, ok := confusable[r]; ok {
				r = l
			}
			if f, ok := letterFold[r]; ok {
				b.WriteString(f)
				space = false
				continue
			}
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	out := b.String()
	if strings.HasSuffix(out, " ") {
		out = out[:len(out)-1]
	}
	// Recompose what NFKD split and no rule above removed (Hangul, for one),
	// so text in other scripts stays readable in fingerprints.
	if !isASCII(out) {
		out = norm.NFC.String(out)
	}
	return out
}

// isPlainLower reports whether s is already normal: lower-case ASCII letters
// and digits separated by single spaces. Most lexicon phrases are, and the
// fast path keeps the matcher cheap on them.
func isPlainLower(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			prevSpace = false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		default:
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Clean is the half of Normalize that keeps text readable: NFKC (full-width
// and mathematical letters and digits become plain ones), default-ignorable
// characters (soft hyphen, zero-width characters, BOM, bidi controls,
// variation selectors) dropped, and every kind of space, Hangul fillers
// included, turned into an ASCII space. Case, diacritics and punctuation stay, so
// parsers that need them (phone numbers, e-mail addresses, prices) see the
// text a reader sees, not the bytes a page used to disguise it.
func Clean(s string) string {
	clean := true
	for _, r := range s {
		if r >= utf8.RuneSelf || r == '\t' || r == '\n' || r == '\r' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		switch {
		case isBlankLetter(r):
			return ' '
		case unicode.In(r, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point):
			return -1
		case unicode.IsSpace(r):
			return ' '
		}
		return r
	}, s)
}

// isBlankLetter reports the Hangul fillers: Unicode letters (Lo) that render
// as nothing, so "Place\u3164order" shows as "Place order".
func isBlankLetter(r rune) bool {
	return r == 0x115F || r == 0x1160 || r == 0x3164 || r == 0xFFA0
}

// ignorable reports characters a reader never sees: combining and enclosing
// marks (which Normalize drops after NFKD split them off their letter) and
// every Default_Ignorable_Code_Point: Cf (format characters, bidi controls,
// the U+E0000 tag block, U+180E), variation selectors (U+180B–180F,
// U+FE00–FE0F, U+E0100–E01EF) and Other_Default_Ignorable_Code_Point.
func ignorable(r rune) bool {
	if r < 0xAD {
		return false
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Variation_Selector, unicode.Other_Default_Ignorable_Code_Point)
}
