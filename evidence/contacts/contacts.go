// Package contacts finds phone numbers, e-mail addresses and postal addresses
// in page text.
//
// Phone numbers are validated with libphonenumber's metadata
// (github.com/nyaruka/phonenumbers) for the region the page belongs to, so
// order numbers, dates, prices and version strings are not mistaken for phone
// numbers. Premium-rate and shared-cost numbers are flagged: a customer line
// that costs extra is itself a finding.
package contacts

import (
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"

	"github.com/darkaudit/darkaudit/evidence"
	txt "github.com/darkaudit/darkaudit/evidence/text"
)

// phoneCandidate is a run of digits with the separators phone numbers use;
// it may start with + or 00 and carry a trunk prefix in brackets.
var phoneCandidate = regexp.MustCompile(`(?:\+|\b00)?\(?\d[\d\s().\-/\x{00a0}]{5,20}\d`)

// telHref is the number of a tel: link.
var telHref = regexp.MustCompile(`(?i)tel:([+\d().\-\s%0-9]+)`)

// Phones finds phone numbers in text, validated for the region hint (an ISO
// 3166 code such as "GB"; "" tries a few common regions). Value is the text as
// written, Normalized its E.164 form.
func Phones(text, region string) []evidence.ContactDetail {
	text = txt.Clean(text) // full-width digits, zero-width characters, odd spaces
	var out []evidence.ContactDetail
	seen := map[string]bool{}
	add := func(raw string) {
		raw = strings.TrimSpace(strings.Trim(raw, "(). -/"))
		if raw == "" {
			return
		}
		n, ok := parse(raw, region)
		if !ok {
			return
		}
		e164 := phonenumbers.Format(n, phonenumbers.E164)
		if seen[e164] {
			return
		}
		seen[e164] = true
		out = append(out, evidence.ContactDetail{
			Kind:        evidence.ContactPhone,
			Value:       raw,
			Normalized:  e164,
			PremiumRate: premium(n),
		})
	}
	for _, m := range telHref.FindAllStringSubmatch(text, -1) {
		v, err := url.PathUnescape(m[1])
		if err != nil {
			v = m[1]
		}
		add(v)
	}
	for _, loc := range phoneCandidate.FindAllStringIndex(text, -1) {
		raw := text[loc[0]:loc[1]]
		if digits(raw) < 7 || digits(raw) > 15 {
			continue
		}
		// A number glued to a currency sign, "#" or ":" is a price or an
		// identifier. Decode the whole rune before it: £ and € are multibyte.
		if before, _ := utf8.DecodeLastRuneInString(text[:loc[0]]); strings.ContainsRune("£$€#:", before) {
			continue
		}
		add(raw)
	}
	return out
}

// fallbackRegions are tried when a number is not valid in the page's region.
var fallbackRegions = []string{"GB", "US", "DE", "FR", "ES", "IT", "NL"}

// parse reads raw as a valid number of region, or of a fallback region when
// the page's region is unknown or the number is written internationally.
func parse(raw, region string) (*phonenumbers.PhoneNumber, bool) {
	try := func(r string) (*phonenumbers.PhoneNumber, bool) {
		n, err := phonenumbers.Parse(raw, r)
		if err != nil || !phonenumbers.IsValidNumber(n) {
			return nil, false
		}
		return n, true
	}
	if strings.HasPrefix(raw, "+") || strings.HasPrefix(raw, "00") {
		return try("GB")
	}
	if region != "" {
		return try(strings.ToUpper(region))
	}
	for _, r := range fallbackRegions {
		if n, ok := try(r); ok {
			return n, true
		}
	}
	return nil, false
}

func premium(n *phonenumbers.PhoneNumber) bool {
	switch phonenumbers.GetNumberType(n) {
	case phonenumbers.PREMIUM_RATE, phonenumbers.SHARED_COST:
		return true
	}
	return false
}

// PremiumRate reports whether an E.164 number is premium-rate or shared-cost.
func PremiumRate(e164 string) bool {
	n, err := phonenumbers.Parse(e164, "GB")
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return false
	}
	return premium(n)
}

func digits(s string) int {
	d := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			d++
		}
	}
	return d
}

// emailRe is a pragmatic e-mail address: a local part, @, and a domain with a
// dot; mailto: links included.
var emailRe = regexp.MustCompile(`(?i)[a-z0-9][a-z0-9._%+\-]*@[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.[a-z]{2,24}\b`)

// Emails finds e-mail addresses; Normalized is lower-case.
func Emails(text string) []evidence.ContactDetail {
	text = txt.Clean(text)
	var out []evidence.ContactDetail
	seen := map[string]bool{}
	for _, m := range emailRe.FindAllString(text, -1) {
		norm := strings.ToLower(m)
		// Image names like logo@2x.png are not addresses.
		if strings.HasSuffix(norm, ".png") || strings.HasSuffix(norm, ".jpg") || strings.HasSuffix(norm, ".svg") || strings.HasSuffix(norm, ".webp") {
			continue
		}
		if seen[norm] {
			continue
		}
		seen[norm] = true
		out = append(out, evidence.ContactDetail{Kind: evidence.ContactEmail, Value: m, Normalized: norm})
	}
	return out
}

// postcodes are the postal-code shapes of the regions darkaudit knows; an
// address needs one of them next to a street word.
var postcodes = []*regexp.Regexp{
	regexp.MustCompile(`\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b`),            // GB
	regexp.MustCompile(`\b\d{5}(?:-\d{4})?\b`),                            // US, DE, FR, ES, IT
	regexp.MustCompile(`\b\d{4} ?[A-Z]{2}\b`),                             // NL
	regexp.MustCompile(`\b[A-Z]\d[A-Z] ?\d[A-Z]\d\b`),                     // CA
	regexp.MustCompile(`\b(?:[1-9]\d{3})\s+[A-ZÄÖÜ][a-zäöüß]+(?:\s|$|,)`), // AT, CH, BE, DK
}

// streetWords mark the street line of a postal address in several languages.
var streetWords = regexp.MustCompile(`(?i)(?:\b\d+[a-z]?\s+[\p{L}'.\- ]{2,40}\b(?:street|st\.?|road|rd\.?|avenue|ave\.?|lane|ln\.?|drive|dr\.?|way|place|square|boulevard|blvd\.?|court|close|crescent|terrace|row|hill|park|gardens)\b)|(?:\p{L}*(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm)\s*\d+)|(?:\b\d+,?\s+(?:rue|avenue|boulevard|bd|place|chemin|allée|impasse|quai|calle|via|piazza|viale|corso|straat|laan|plein|gracht)\b)|(?:\b(?:calle|via|viale|piazza|corso|avenida|plaza|rue)\s+[\p{L}'\- ]{2,40},?\s*\d+)|(?:\b[\p{L}\-]+(?:straat|laan|plein|gracht|weg)\s+\d+)|(?:\b(?:p\.?\s?o\.?\s?box|postfach|boîte postale|apartado)\s*\d+)`)

// Addresses finds postal addresses: a street line and a postal code within a
// short stretch of text.
func Addresses(text string) []evidence.ContactDetail {
	text = txt.Clean(text)
	var out []evidence.ContactDetail
	for _, loc := range streetWords.FindAllStringIndex(text, -1) {
		end := loc[1] + 80
		if end > len(text) {
			end = len(text)
		}
		start := loc[0]
		tail := text[loc[0]:end]
		found := -1
		for _, pc := range postcodes {
			if m := pc.FindStringIndex(tail); m != nil && (found < 0 || m[1] < found) {
				found = m[1]
			}
		}
		if found < 0 {
			continue
		}
		value := strings.Join(strings.Fields(text[start:loc[0]+found]), " ")
		out = append(out, evidence.ContactDetail{Kind: evidence.ContactAddress, Value: value, Normalized: strings.ToLower(value)})
	}
	return out
}

// regionByLang is the region a bare language most likely means.
var regionByLang = map[string]string{
	"en": "GB", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL",
	"pt": "PT", "pl": "PL", "sv": "SE", "da": "DK", "fi": "FI", "nb": "NO", "no": "NO",
}

// regionByTLD maps country-code top-level domains to regions.
var regionByTLD = map[string]string{
	"uk": "GB", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL", "at": "AT",
	"ch": "CH", "be": "BE", "ie": "IE", "us": "US", "ca": "CA", "au": "AU", "pt": "PT",
	"pl": "PL", "se": "SE", "dk": "DK", "fi": "FI", "no": "NO", "lu": "LU",
}

// RegionFor guesses a phone region from a page language ("en-GB", "de") or
// URL host ("shop.example.co.uk"). An explicit region in the language tag
// wins, then the host's country domain; a bare language is a last resort,
// and "" means unknown (Phones then tries common regions).
func RegionFor(lang, host string) string {
	lang = strings.ReplaceAll(strings.TrimSpace(lang), "_", "-")
	if i := strings.IndexByte(lang, '-'); i > 0 && len(lang)-i-1 == 2 {
		return strings.ToUpper(lang[i+1:])
	}
	if i := strings.LastIndexByte(host, '.'); i >= 0 {
		if r, ok := regionByTLD[strings.ToLower(host[i+1:])]; ok {
			return r
		}
	}
	if i := strings.IndexByte(lang, '-'); i > 0 {
		lang = lang[:i]
	}
	if lang == "en" {
		// English is spoken in too many regions to pick one.
		return ""
	}
	return regionByLang[strings.ToLower(lang)]
}
