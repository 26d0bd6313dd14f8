package evidence

import (
	"crypto/sha256"
	"encoding/hex"
	"net"
	"net/url"
	"strings"
	"unicode"

	"github.com/darkaudit/darkaudit/evidence/text"
)

// FingerprintVersion prefixes every new finding ID. Bump it (and keep the old
// algorithm here, readable) when the inputs change, so baselines and ignore
// files written with the old IDs never silently break.
const FingerprintVersion = "v2"

// Fingerprint is a finding's stable identity (v2): the rule, the site's name
// (Location.Site without a port, so two demo sites on one host never merge and
// a renamed staging host with the same --name keeps its IDs; the URL's host when
// the finding has no site), the URL path, the element's selector and its
// normalised text. Left out on purpose: the port, query string, journey, step,
// time and every digit of the text (a changed price keeps the identity).
func Fingerprint(f Finding) string {
	host, p := fingerprintHostPath(f.Location.URL)
	site := fingerprintSite(f.Location.Site)
	if site == "" {
		site = host
	}
	return fingerprintOf("v2", f.Rule, site, p, strings.TrimSpace(f.Location.Selector), fingerprintTextV2(f.Location.Text))
}

// FingerprintV1 is the identity darkaudit gave findings before v2: like v2 but
// with the URL's host instead of the site name. Baselines and ignore files
// written then still match through it.
func FingerprintV1(f Finding) string {
	host, p := fingerprintHostPath(f.Location.URL)
	return fingerprintOf("v1", f.Rule, host, p, strings.TrimSpace(f.Location.Selector), fingerprintTextV1(f.Location.Text))
}

// FingerprintVersionOf returns the version prefix of a finding ID ("v1",
// "v2"), or "" when the ID has none.
func FingerprintVersionOf(id string) string {
	v, _, ok := strings.Cut(id, ":")
	if !ok {
		return ""
	}
	return v
}

func fingerprintOf(version string, parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "|")))
	return version + ":" + hex.EncodeToString(sum[:])[:16]
}

// fingerprintSite lower-cases a site name and drops a port (a local server's
// port changes from run to run) and a leading "www.".
func fingerprintSite(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	if h, port, err := net.SplitHostPort(name); err == nil && port != "" && strings.Trim(port, "0123456789") == "" {
		name = h
	}
	// www.shop.example and shop.example are one site: an entry URL given
	// either way keeps the IDs.
	return strings.TrimPrefix(name, "www.")
}

// fingerprintHostPath splits a URL: lower-case host without "www." and port,
// and the path without a trailing slash.
func fingerprintHostPath(raw string) (string, string) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", raw
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	p := u.Path
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	if p == "" {
		p = "/"
	}
	return host, p
}

// fingerprintTextV2 is a finding's text as v2 hashes it: the program's one
// normaliser (evidence/text: NFKC, case and diacritics folded, invisible
// characters dropped, look-alike letters folded) with every digit dropped, so
// a changed price keeps the identity. TestFingerprintV2IsPinned fails when a
// change to the normaliser would move v2 IDs: bump the version then.
func fingerprintTextV2(s string) string { return dropDigits(text.Normalize(s)) }

// fingerprintTextV1 is the text v1 hashed: lower-cased, a fixed table of
// diacritics folded, every run of other characters one space, digits dropped.
// It is frozen on purpose and does not call the shared normaliser: a better
// normaliser must not change the IDs of v1 baselines and ignore files.
func fingerprintTextV1(s string) string { return dropDigits(fingerprintFold(s)) }

// dropDigits removes every digit from space-separated words, and words left empty.
func dropDigits(s string) string {
	var words []string
	for _, w := range strings.Fields(s) {
		w = strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) {
				return -1
			}
			return r
		}, w)
		if w != "" {
			words = append(words, w)
		}
	}
	return strings.Join(words, " ")
}

func fingerprintFold(s string) string {
	var b strings.Builder
	space := true
	for _, r := range strings.ToLower(s) {
		switch r {
		case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
			continue
		}
		if f, ok := fingerprintFolds[r]; ok {
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

// fingerprintFolds maps letters with diacritics to base letters (frozen for v1).
var fingerprintFolds = map[rune]string{
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
