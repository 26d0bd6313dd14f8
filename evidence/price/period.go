package price

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/darkaudit/darkaudit/evidence"
	"github.com/darkaudit/darkaudit/evidence/lexicon"
	"github.com/darkaudit/darkaudit/evidence/text"
)

// periodVocab is the billing-period vocabulary of evidence/lexicon, merged
// over every language and loaded once.
type periodVocab struct {
	// words maps the words that follow an amount to a billing period
	// ("month", "monatlich", "p.m."), lower case as written and folded.
	words map[string]string
	// intro are the words that may stand between an amount and its period
	// ("per", "pro", "par").
	intro map[string]bool
	// free and compounds are the normalised free words and compound ends.
	free, compounds []string
}

var vocab = sync.OnceValue(func() *periodVocab {
	v := &periodVocab{words: map[string]string{}, intro: map[string]bool{}}
	for _, l := range lexicon.Each() {
		for period, ws := range l.Periods {
			p, ok := periodNames[period]
			if !ok {
				continue
			}
			for _, w := range ws {
				w = strings.ToLower(w)
				v.words[w] = p
				if f := text.Normalize(w); f != "" && !strings.Contains(f, " ") {
					if _, taken := v.words[f]; !taken {
						v.words[f] = p
					}
				}
			}
		}
		for _, w := range l.PeriodIntro {
			v.intro[strings.ToLower(w)] = true
		}
		v.free = append(v.free, normAll(l.Free)...)
		v.compounds = append(v.compounds, normAll(l.FreeCompound)...)
	}
	return v
})

// periodNames maps the lexicon's period sections to evidence's periods.
var periodNames = map[string]string{
	"day": evidence.PeriodDay, "week": evidence.PeriodWeek,
	"month": evidence.PeriodMonth, "year": evidence.PeriodYear,
}

func normAll(ws []string) []string {
	var out []string
	for _, w := range ws {
		if n := text.Normalize(w); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// periodWord returns the period a word names: as written, without a final
// dot, or folded ("TÄGLICH", "taglich").
func periodWord(w string) (string, bool) {
	v := vocab()
	if p, ok := v.words[w]; ok {
		return p, true
	}
	p, ok := v.words[text.Normalize(w)]
	return p, ok
}

// periodAfter looks for a billing period just after text[i:]: "/mo",
// " per month", " a year", " pro Monat", " par mois", " monthly". It returns
// the end of the period words and the period, or "" when none follows.
func periodAfter(text string, i int) (int, string) {
	j := skipSpace(text, i)
	words := 0
	for words < 4 && j < len(text) {
		if text[j] == '/' {
			j = skipSpace(text, j+1)
			continue
		}
		k := j
		for k < len(text) {
			r, n := utf8.DecodeRuneInString(text[k:])
			if !unicode.IsLetter(r) && r != '.' && r != '\'' {
				break
			}
			k += n
		}
		if k == j {
			return 0, ""
		}
		w := strings.ToLower(text[j:k])
		trimmed := strings.TrimSuffix(w, ".")
		if p, ok := vocab().words[w]; ok {
			return k, p
		}
		if p, ok := periodWord(trimmed); ok {
			end := k
			if strings.HasSuffix(w, ".") {
				// End before the dot in text: w is lower-cased, and letters
				// such as the Kelvin sign shrink when lower-cased.
				end = k - 1
			}
			return end, p
		}
		if !vocab().intro[trimmed] {
			return 0, ""
		}
		words++
		j = skipSpace(text, k)
	}
	return 0, ""
}

// PeriodOf finds the billing period named anywhere in text ("billed monthly",
// "renews every year", "par mois"), or "" when none is named. Words of fewer
// than three letters ("d", "mo", "pa") only count right after an amount.
func PeriodOf(s string) string {
	for _, w := range strings.Fields(text.Normalize(s)) {
		if len(w) < 3 {
			continue
		}
		if p, ok := vocab().words[w]; ok {
			return p
		}
	}
	return ""
}

// inflections are the endings a free word may carry in de, fr, es, it and nl
// ("kostenloser", "gratuites", "incluida").
var inflections = map[string]bool{
	"": true, "e": true, "en": true, "er": true, "es": true, "em": true, "s": true,
	"a": true, "o": true, "i": true, "os": true, "as": true,
}

// wordEnd returns the letters of text from i up to the next non-letter.
func wordEnd(text string, i int) string {
	j := i
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += n
	}
	return text[i:j]
}

// IsFree reports whether s says something costs nothing: a free word
// ("free", "kostenlos", "gratuit") or an amount of zero, and no positive
// amount.
func IsFree(s string) bool {
	ps := FindAll(s)
	for _, p := range ps {
		if p.Amount > 0 {
			return false
		}
	}
	for _, p := range ps {
		if p.Amount == 0 {
			return true
		}
	}
	lower := text.Normalize(s)
	for _, w := range vocab().free {
		for off := 0; off < len(lower); {
			k := strings.Index(lower[off:], w)
			if k < 0 {
				break
			}
			k += off
			before, _ := utf8.DecodeLastRuneInString(lower[:k])
			if (k == 0 || !unicode.IsLetter(before)) && inflections[wordEnd(lower, k+len(w))] {
				return true
			}
			off = k + len(w)
		}
	}
	for _, w := range vocab().compounds {
		for off := 0; off < len(lower); {
			k := strings.Index(lower[off:], w)
			if k < 0 {
				break
			}
			k += off
			if inflections[wordEnd(lower, k+len(w))] {
				return true
			}
			off = k + len(w)
		}
	}
	return false
}
