// Package text is darkaudit's one text normaliser and phrase matcher. Every
// word the program matches (what the walker clicks, what the safety guard
// refuses, what a detector reads, what the price and contact parsers look
// for) is folded by Normalize and compared by a Matcher, so a soft hyphen, a
// zero-width space, full-width letters or Cyrillic look-alikes cannot make
// two parts of the program disagree about what a page says.
package text
