package text

import "unicode/utf8"

// Clip shortens s to at most n characters (runes: a character is never cut
// in two), ending a shortened text with "…". The crawler and the detectors
// clip page text for records and messages through it.
func Clip(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
