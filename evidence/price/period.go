package price

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/darkaudit/darkaudit/evidence"
)

// periodWords maps the words that follow an amount to a billing period, in
// the six supported languages. They are matched after "/", "per", "a", "pro",
// "par", "al", "per", "a la" or directly ("£5 monthly").
var periodWords = map[string]string{
	// English
	"day": evidence.PeriodDay, "daily": evidence.PeriodDay, "d": evidence.PeriodDay,
	"week": evidence.PeriodWeek, "weekly": evidence.PeriodWeek, "wk": evidence.PeriodWeek,
	"month": evidence.PeriodMonth, "monthly": evidence.PeriodMonth, "mo": evidence.PeriodMonth,
	"mth": evidence.PeriodMonth, "mon": evidence.PeriodMonth, "pcm": evidence.PeriodMonth,
	"year": evidence.PeriodYear, "yearly": evidence.PeriodYear, "annually": evidence.PeriodYear,
	"yr": evidence.PeriodYear, "annum": evidence.PeriodYear, "y": evidence.PeriodYear,
	// British shorthand right after an amount: "£4.99pm", "£60 p.a.", "£2 pw".
	"pm": evidence.PeriodMonth, "p.m.": evidence.PeriodMonth, "p.m": evidence.PeriodMonth,
	"pa": evidence.PeriodYear, "p.a.": evidence.PeriodYear, "p.a": evidence.PeriodYear,
	"pw": evidence.PeriodWeek, "p.w.": evidence.PeriodWeek, "p.w": evidence.PeriodWeek,
	// German
	"tag": evidence.PeriodDay, "täglich": evidence.PeriodDay,
	"woche": evidence.PeriodWeek, "wöchentlich": evidence.PeriodWeek,
	"monat": evidence.PeriodMonth, "monatlich": evidence.PeriodMonth, "mon.": evidence.PeriodMonth,
	"mtl": evidence.PeriodMonth, "mtl.": evidence.PeriodMonth, "monats": evidence.PeriodMonth,
	"jahr": evidence.PeriodYear, "jährlich": evidence.PeriodYear, "jahres": evidence.PeriodYear,
	// French
	"jour": evidence.PeriodDay, "semaine": evidence.PeriodWeek,
	"mois": evidence.PeriodMonth, "mensuel": evidence.PeriodMonth, "mensuellement": evidence.PeriodMonth,
	"an": evidence.PeriodYear, "année": evidence.PeriodYear, "annuel": evidence.PeriodYear,
	"annuellement": evidence.PeriodYear,
	// Spanish / Italian / Dutch
	"día": evidence.PeriodDay, "dia": evidence.PeriodDay, "giorno": evidence.PeriodDay, "dag": evidence.PeriodDay,
	"semana": evidence.PeriodWeek, "settimana": evidence.PeriodWeek, "week.": evidence.PeriodWeek,
	"mes": evidence.PeriodMonth, "mese": evidence.PeriodMonth, "maand": evidence.PeriodMonth,
	"mensual": evidence.PeriodMonth, "mensile": evidence.PeriodMonth, "maandelijks": evidence.PeriodMonth,
	"año": evidence.PeriodYear, "anno": evidence.PeriodYear, "jaar": evidence.PeriodYear,
	"anual": evidence.PeriodYear, "annuale": evidence.PeriodYear, "jaarlijks": evidence.PeriodYear,
}

// periodIntro are the words that may stand between an amount and its period.
var periodIntro = map[string]bool{
	"per": true, "a": true, "an": true, "each": true, "every": true, "pro": true, "im": true,
	"je": true, "par": true, "al": true, "por": true, "ogni": true, "all'": true, "la": true,
	"le": true, "the": true, "/": true, "de": true,
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
		if p, ok := periodWords[w]; ok {
			return k, p
		}
		if p, ok := periodWords[trimmed]; ok {
			// End before the dot in text: w is lower-cased, and letters such
			// as the Kelvin sign shrink when lower-cased.
			return k - 1, p
		}
		if !periodIntro[trimmed] {
			return 0, ""
		}
		words++
		j = skipSpace(text, k)
	}
	return 0, ""
}

// PeriodOf finds the billing period named anywhere in text ("billed monthly",
// "renews every year", "par mois"), or "" when none is named.
func PeriodOf(text string) string {
	lower := strings.ToLower(text)
	best, at := "", len(lower)+1
	for w, p := range periodWords {
		if len(w) < 3 {
			continue
		}
		for off := 0; ; {
			k := strings.Index(lower[off:], w)
			if k < 0 {
				break
			}
			k += off
			before, _ := utf8.DecodeLastRuneInString(lower[:k])
			after, _ := utf8.DecodeRuneInString(lower[k+len(w):])
			if (k == 0 || !unicode.IsLetter(before)) && (k+len(w) == len(lower) || !unicode.IsLetter(after)) {
				if k < at {
					best, at = p, k
				}
				break
			}
			off = k + len(w)
		}
	}
	return best
}

// freeWords mark an amount of nothing: "free", "gratis", "kostenlos", "0 €".
// Each is matched as a whole word or followed by an inflection ending
// ("kostenloser", "gratuites", "incluida").
var freeWords = []string{
	"free", "no charge", "no cost", "at no extra cost", "complimentary", "included",
	"kostenlos", "gratis", "umsonst", "inklusive", "inbegriffen", "ohne aufpreis",
	"gratuit", "offert", "sans frais", "inclus",
	"sin coste", "incluid", "kosteloos", "inbegrepen",
}

// freeCompounds end German compounds that mean free of charge
// ("versandkostenfrei", "gebührenfrei"); letters may precede them.
var freeCompounds = []string{"kostenfrei", "gebührenfrei", "kostenlos", "portofrei"}

// inflections are the endings a free word may carry in de, fr, es, it and nl.
var inflections = map[string]bool{
	"": true, "e": true, "en": true, "er": true, "es": true, "em": true, "s": true,
	"a": true, "o": true, "i": true, "os": true, "as": true, "es.": true,
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

// IsFree reports whether text says something costs nothing: a free word
// ("free", "kostenlos", "gratuit") or an amount of zero, and no positive
// amount.
func IsFree(text string) bool {
	ps := FindAll(text)
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
	lower := strings.ToLower(text)
	for _, w := range freeWords {
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
	for _, w := range freeCompounds {
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
