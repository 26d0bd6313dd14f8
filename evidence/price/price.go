// Package price finds and parses money amounts, billing periods and "free"
// wording in page text (en, de, fr, es, it, nl).
//
// A price always needs a currency: a symbol (£ € $ ¥ ...), an ISO 4217 code
// (GBP, EUR, CHF ...), "Euro", or the pence/cent suffix of a small amount
// ("99p", "50¢"). Bare numbers ("4.99", "2 items", dates, phone numbers,
// version numbers) are never prices.
//
// Decimal separators are decided per number: a last group of one or two
// digits after "." or "," is the decimal part ("1.299,00" and "1,299.00" are
// both 1299); a last group of three digits is a thousands group ("£1,234" and
// "1.234 €" are both 1234). Mixed or irregular grouping ("1.2.3", "1,23,456")
// is rejected.
package price

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/darkaudit/darkaudit/evidence"
)

// maxDigits bounds the digits of an amount; longer runs are identifiers.
const maxDigits = 12

// FindAll returns every price in text, in order, each with Text (the matched
// substring incl. period words), Amount, Currency (ISO 4217: GBP, EUR, USD,
// CHF, ...), Period ("", "day", "week", "month", "year" — evidence.Period*
// constants). Discounts written with a sign ("-£5", "−5,00 €") get a negative
// Amount.
func FindAll(text string) []evidence.Price {
	if !hasDigit(text) {
		return nil
	}
	s := scanner{text: text}
	s.anchors = findAnchors(text)
	if len(s.anchors) == 0 && !strings.ContainsAny(text, "p¢") {
		return nil
	}
	s.used = make([]bool, len(s.anchors))
	return s.run()
}

// Parse reads a text that is one price ("£4.99", "4,99 €", "$2/month");
// ok=false when it is not one. Surrounding white space, parentheses and a
// footnote asterisk are allowed.
func Parse(text string) (evidence.Price, bool) {
	ps := FindAll(text)
	if len(ps) != 1 {
		return evidence.Price{}, false
	}
	i := strings.Index(text, ps[0].Text)
	rest := text[:i] + " " + text[i+len(ps[0].Text):]
	for _, r := range rest {
		if !unicode.IsSpace(r) && !strings.ContainsRune("()*:", r) {
			return evidence.Price{}, false
		}
	}
	return ps[0], true
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// anchor is a currency marker in the text.
type anchor struct {
	start, end int
	cur        string
	prefix     bool // may stand before the number
	suffix     bool // may stand after the number
	// spaceGroups: with this currency in front, an ASCII space may group thousands.
	spaceGroups bool
}

type scanner struct {
	text    string
	anchors []anchor
	used    []bool
	out     []evidence.Price
}

// symbols maps currency signs to ISO codes.
var symbols = map[rune]anchor{
	'£': {cur: "GBP", prefix: true, suffix: true},
	'€': {cur: "EUR", prefix: true, suffix: true, spaceGroups: true},
	'¥': {cur: "JPY", prefix: true, suffix: true},
	'￥': {cur: "JPY", prefix: true, suffix: true},
	'円': {cur: "JPY", suffix: true},
	'₹': {cur: "INR", prefix: true, suffix: true},
	'₩': {cur: "KRW", prefix: true, suffix: true},
	'₽': {cur: "RUB", prefix: true, suffix: true, spaceGroups: true},
	'₺': {cur: "TRY", prefix: true, suffix: true, spaceGroups: true},
	'₪': {cur: "ILS", prefix: true, suffix: true},
	'₱': {cur: "PHP", prefix: true, suffix: true},
	'₫': {cur: "VND", prefix: true, suffix: true},
}

// dollarPrefixes are the letters written before "$".
var dollarPrefixes = map[string]string{
	"US": "USD", "U.S.": "USD", "C": "CAD", "CA": "CAD", "CAN": "CAD", "A": "AUD", "AU": "AUD",
	"NZ": "NZD", "HK": "HKD", "S": "SGD", "SG": "SGD", "R": "BRL", "MX": "MXN", "NT": "TWD",
}

// codes are the ISO 4217 codes recognised when written in capitals.
var codes = map[string]bool{
	"GBP": true, "EUR": true, "USD": true, "CHF": true, "JPY": true, "CAD": true, "AUD": true,
	"NZD": true, "SEK": true, "NOK": true, "DKK": true, "PLN": true, "CZK": true, "HUF": true,
	"RON": true, "BGN": true, "ISK": true, "INR": true, "CNY": true, "HKD": true, "SGD": true,
	"BRL": true, "MXN": true, "ZAR": true, "TRY": true, "KRW": true, "ILS": true, "AED": true,
}

// words are currency words and local abbreviations, matched case-insensitively
// with word boundaries.
var words = []struct {
	w string
	a anchor
}{
	{"euros", anchor{cur: "EUR", suffix: true}},
	{"euro", anchor{cur: "EUR", suffix: true}},
	{"sfr.", anchor{cur: "CHF", prefix: true, suffix: true, spaceGroups: true}},
	{"fr.", anchor{cur: "CHF", prefix: true, spaceGroups: true}},
	{"zł", anchor{cur: "PLN", suffix: true}},
	{"kč", anchor{cur: "CZK", suffix: true}},
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// runeBefore returns the rune ending at i (utf8.RuneError, 0 at the start).
func runeBefore(s string, i int) (rune, int) {
	if i <= 0 {
		return 0, 0
	}
	return utf8.DecodeLastRuneInString(s[:i])
}

func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	return utf8.DecodeRuneInString(s[i:])
}

// findAnchors lists every currency marker in text, in order.
func findAnchors(text string) []anchor {
	var out []anchor
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '$':
			a := anchor{start: i, end: i + 1, cur: "USD", prefix: true, suffix: true}
			// Letters glued before "$": US$, C$, AU$ ...
			j := i
			for j > 0 && (text[j-1] >= 'A' && text[j-1] <= 'Z' || text[j-1] == '.') && i-j < 4 {
				j--
			}
			for k := j; k < i; k++ {
				if c, ok := dollarPrefixes[text[k:i]]; ok {
					if p, _ := runeBefore(text, k); !isLetter(p) {
						a.start, a.cur = k, c
					}
					break
				}
			}
			out = append(out, a)
		case r >= 'A' && r <= 'Z' && i+3 <= len(text) && codes[text[i:i+3]]:
			p, _ := runeBefore(text, i)
			q, _ := runeAt(text, i+3)
			if !isLetter(p) && !isLetter(q) {
				out = append(out, anchor{start: i, end: i + 3, cur: text[i : i+3], prefix: true, suffix: true, spaceGroups: true})
				i += 3
				continue
			}
		case r == 'e' || r == 'E' || r == 'f' || r == 'F' || r == 's' || r == 'S' || r == 'z' || r == 'Z' || r == 'k' || r == 'K':
			if p, _ := runeBefore(text, i); isLetter(p) {
				break
			}
			for _, w := range words {
				if end := matchFold(text, i, w.w); end > 0 {
					if !strings.HasSuffix(w.w, ".") {
						if q, _ := runeAt(text, end); isLetter(q) {
							continue
						}
					}
					a := w.a
					a.start, a.end = i, end
					out = append(out, a)
					i = end
					goto next
				}
			}
		default:
			if a, ok := symbols[r]; ok {
				a.start, a.end = i, i+n
				out = append(out, a)
			}
		}
		i += n
	next:
	}
	return out
}

// matchFold reports the end of word w (lower case) at text[i:], or -1.
func matchFold(text string, i int, w string) int {
	j := i
	for _, pr := range w {
		if j >= len(text) {
			return -1
		}
		r, n := utf8.DecodeRuneInString(text[j:])
		if unicode.ToLower(r) != pr {
			return -1
		}
		j += n
	}
	return j
}

// anchorEndingAt returns the index of the unused anchor ending at i, or -1.
func (s *scanner) anchorEndingAt(i int) int {
	k := sort.Search(len(s.anchors), func(k int) bool { return s.anchors[k].end >= i })
	if k < len(s.anchors) && s.anchors[k].end == i && !s.used[k] {
		return k
	}
	return -1
}

// anchorStartingAt returns the index of the unused anchor starting at i, or -1.
func (s *scanner) anchorStartingAt(i int) int {
	k := sort.Search(len(s.anchors), func(k int) bool { return s.anchors[k].start >= i })
	if k < len(s.anchors) && s.anchors[k].start == i && !s.used[k] {
		return k
	}
	return -1
}

func isSpaceRune(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\u2007'
}

// skipSpaceBack skips up to 3 white-space runes before i.
func skipSpaceBack(text string, i int) int {
	for k := 0; k < 3; k++ {
		r, n := runeBefore(text, i)
		if n == 0 || !isSpaceRune(r) {
			break
		}
		i -= n
	}
	return i
}

// skipSpace skips up to 3 white-space runes from i.
func skipSpace(text string, i int) int {
	for k := 0; k < 3; k++ {
		r, n := runeAt(text, i)
		if n == 0 || !isSpaceRune(r) {
			break
		}
		i += n
	}
	return i
}

func isSign(r rune) bool { return r == '+' || r == '-' || r == '−' || r == '–' }

// signBefore returns the start of a sign glued before i and its factor.
func signBefore(text string, i int) (int, float64) {
	r, n := runeBefore(text, i)
	if n == 0 || !isSign(r) {
		return i, 1
	}
	if p, _ := runeBefore(text, i-n); isAlnum(p) || p == '.' || p == ',' {
		return i, 1 // a range "10-12 €" or a word-dash
	}
	if r == '+' {
		return i - n, 1
	}
	return i - n, -1
}

func (s *scanner) run() []evidence.Price {
	text := s.text
	for i := 0; i < len(text); {
		c := text[i]
		if c < '0' || c > '9' {
			i++
			continue
		}
		// A number starts here only if not glued to a word or to another number.
		p, pn := runeBefore(text, i)
		if isAlnum(p) || ((p == '/' || p == ':' || p == '.' || p == ',') && pn > 0 && i-pn > 0 && isDigitByte(text[i-pn-1])) {
			i = skipDigits(text, i)
			continue
		}
		end := s.try(i)
		if end <= i {
			end = skipNumber(text, i)
		}
		i = end
	}
	return s.out
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

func skipDigits(text string, i int) int {
	for i < len(text) && isDigitByte(text[i]) {
		i++
	}
	return i
}

// skipNumber skips a number span with its separators.
func skipNumber(text string, i int) int {
	n, ok := parseNumber(text, i, true)
	if !ok || n.end <= i {
		return skipDigits(text, i)
	}
	return n.end
}

// number is a parsed numeric span.
type number struct {
	end        int
	value      float64
	spaceGroup bool // grouped with an ASCII space
	integer    bool // no decimal part or separators
	digits     int
}

// numberSep reports whether r may separate digit groups, and whether it is a
// space-like separator (which only groups thousands).
func numberSep(r rune) (ok, space bool) {
	switch r {
	case '.', ',', '\'', '’':
		return true, false
	case ' ', '\u00a0', '\u202f', '\u2009', '\u2007':
		return true, true
	}
	return false, false
}

// parseNumber reads a number starting at the digit text[i].
func parseNumber(text string, i int, allowSpace bool) (number, bool) {
	var groups []string
	var seps []rune
	var n number
	j := skipDigits(text, i)
	groups = append(groups, text[i:j])
	dash := false
	for j < len(text) {
		r, w := utf8.DecodeRuneInString(text[j:])
		ok, space := numberSep(r)
		if !ok {
			break
		}
		k := j + w
		if !space && (r == '.' || r == ',') {
			// "12,-" "12,--" "12.–" mean whole units.
			d := k
			for c := 0; c < 2 && d < len(text); c++ {
				dr, dw := utf8.DecodeRuneInString(text[d:])
				if dr != '-' && dr != '–' && dr != '—' {
					break
				}
				d += dw
			}
			if d > k {
				if q, _ := runeAt(text, d); !unicode.IsDigit(q) && q != '-' {
					j, dash = d, true
				}
				break
			}
		}
		if k >= len(text) || !isDigitByte(text[k]) {
			break
		}
		e := skipDigits(text, k)
		if space {
			if !allowSpace && r == ' ' {
				break
			}
			if e-k != 3 {
				break
			}
			if r == ' ' || r == '\u2007' {
				n.spaceGroup = n.spaceGroup || r == ' '
			}
		}
		groups = append(groups, text[k:e])
		seps = append(seps, r)
		j = e
	}
	n.end = j
	for _, g := range groups {
		n.digits += len(g)
	}
	if n.digits > maxDigits {
		return n, false
	}
	// Decide the decimal part.
	last := len(groups) - 1
	intGroups, intSeps, dec := groups, seps, ""
	if last >= 1 && !dash {
		ls := seps[last-1]
		lg := groups[last]
		if ls == '.' || ls == ',' {
			switch {
			case len(lg) <= 2:
				dec, intGroups, intSeps = lg, groups[:last], seps[:last-1]
			case len(lg) == 3 && last == 1 && groups[0] == "0":
				dec, intGroups, intSeps = lg, groups[:last], seps[:last-1]
			case len(lg) > 3:
				return n, false
			}
		}
	}
	// Validate thousands grouping.
	if len(intGroups) > 1 {
		if len(intGroups[0]) > 3 || intGroups[0][0] == '0' {
			return n, false
		}
		for k, g := range intGroups[1:] {
			if len(g) != 3 {
				return n, false
			}
			_, sp := numberSep(intSeps[k])
			_, sp0 := numberSep(intSeps[0])
			if intSeps[k] != intSeps[0] && !(sp && sp0) {
				return n, false
			}
		}
		if dec != "" && len(seps) > 0 && intSeps[0] == seps[len(seps)-1] {
			return n, false // "1,234,56"
		}
	}
	n.integer = len(groups) == 1 && !dash
	v, err := strconv.ParseFloat(strings.Join(intGroups, "")+"."+dec+"0", 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return n, false
	}
	n.value = v
	return n, true
}

// try looks for a price around the number at i; it returns the end of what
// it consumed (0 when nothing).
func (s *scanner) try(i int) int {
	text := s.text
	num, ok := parseNumber(text, i, true)
	if !ok {
		return 0
	}
	// "22/11/2026", "12:30", "24/7": not amounts.
	if r, n := runeAt(text, num.end); (r == '/' || r == ':') && num.end+n < len(text) && isDigitByte(text[num.end+n]) {
		return 0
	}

	// Prefix currency: [sign] CUR [space] [sign] NUMBER.
	start, sign := i, 1.0
	st, sg := signBefore(text, start)
	if st < start {
		if r, _ := runeBefore(text, st); !isAlnum(r) {
			// sign between currency and number: "€ -5,00"
			start, sign = st, sg
		} else {
			st = start
		}
	}
	if k := s.anchorEndingAt(skipSpaceBack(text, start)); k >= 0 && s.anchors[k].prefix {
		a := s.anchors[k]
		if num.spaceGroup && !a.spaceGroups {
			num, _ = parseNumber(text, i, false)
			if !ok {
				return 0
			}
		}
		if q, _ := runeAt(text, num.end); isAlnum(q) && !gluedPeriod(text, num.end) {
			return 0 // "£5m", "€12abc"; but "£4.99pm", "$9/mo" are prices
		}
		pst := a.start
		if sign == 1 {
			var sg2 float64
			pst, sg2 = signBefore(text, a.start)
			sign = sg2
		}
		s.used[k] = true
		return s.emit(pst, num.end, sign*num.value, a.cur)
	}
	start, sign = signBefore(text, i)

	// Infix euro: "12€99".
	if k := s.anchorStartingAt(num.end); k >= 0 && num.integer && s.anchors[k].cur == "EUR" && s.anchors[k].end-s.anchors[k].start == len("€") {
		e := s.anchors[k].end
		if e+2 <= len(text) && isDigitByte(text[e]) && isDigitByte(text[e+1]) {
			if q, _ := runeAt(text, e+2); !isAlnum(q) {
				cents, _ := strconv.Atoi(text[e : e+2])
				s.used[k] = true
				return s.emit(start, e+2, sign*(num.value+float64(cents)/100), "EUR")
			}
		}
	}

	// Suffix currency: NUMBER [space] CUR.
	if k := s.anchorStartingAt(skipSpace(text, num.end)); k >= 0 && s.anchors[k].suffix {
		a := s.anchors[k]
		// "Qty 2 £5": a sign glued to a following number belongs to it; so
		// does a code between a count and an amount with decimals ("Qty 1
		// USD 48.00", "× 2 EUR 12,50").
		glued := false
		if a.prefix {
			if q, _ := runeAt(text, a.end); unicode.IsDigit(q) {
				glued = true
			} else if j := skipSpace(text, a.end); j > a.end && num.integer && j < len(text) && isDigitByte(text[j]) {
				if next, ok := parseNumber(text, j, false); ok && !next.integer {
					glued = true
				}
			}
		}
		if !glued {
			if q, _ := runeAt(text, a.end); !isLetter(q) || !isLetter(rune(text[a.end-1])) {
				s.used[k] = true
				return s.emit(start, a.end, sign*num.value, a.cur)
			}
		}
	}

	// Pence and cents: "99p", "50¢".
	if num.integer && num.end-i <= 2 {
		r, n := runeAt(text, num.end)
		if r == 'p' || r == '¢' {
			if q, _ := runeAt(text, num.end+n); !isAlnum(q) && !(r == 'p' && q == '.') {
				cur := "GBP"
				if r == '¢' {
					cur = "USD"
				}
				return s.emit(start, num.end+n, sign*num.value/100, cur)
			}
		}
	}
	return 0
}

// gluedPeriod reports whether a billing period written straight after a
// number starts at i and ends the word ("£4.99pm", "$12mo").
func gluedPeriod(text string, i int) bool {
	if q, _ := runeAt(text, i); !isLetter(q) {
		return false
	}
	end, p := periodAfter(text, i)
	if p == "" {
		return false
	}
	q, _ := runeAt(text, end)
	return !isAlnum(q)
}

// emit records the price text[start:end] plus any billing period after it.
func (s *scanner) emit(start, end int, amount float64, cur string) int {
	period := ""
	if pe, p := periodAfter(s.text, end); p != "" {
		end, period = pe, p
	}
	if amount == 0 {
		amount = 0 // no negative zero
	}
	s.out = append(s.out, evidence.Price{
		Text:     s.text[start:end],
		Amount:   amount,
		Currency: cur,
		Period:   period,
	})
	return end
}
