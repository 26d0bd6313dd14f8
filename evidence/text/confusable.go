package text

// confusable maps letters of other scripts that look like Latin letters to
// the Latin letter they imitate: "Рlасе оrdеr" written with Cyrillic Р, а,
// с, о, е must not slip past a guard that refuses "place order". It is
// applied before lower-casing, so capitals that only look Latin as capitals
// (Cyrillic В, Н, М, Т; Greek Η, Ν) map too. This hand-written table covers
// Cyrillic, Greek and Latin letters from other blocks; init merges the
// generated confusableUCD (other scripts, from Unicode's confusables data)
// under it. Only letters map, and only to Latin letters: digits and
// punctuation never do, so prices and numbers read as they are.
var confusable = map[rune]rune{
	// Cyrillic capitals.
	'А': 'a', 'В': 'b', 'С': 'c', 'Е': 'e', 'Н': 'h', 'І': 'i', 'Ј': 'j', 'К': 'k',
	'М': 'm', 'О': 'o', 'Р': 'p', 'Ѕ': 's', 'Т': 't', 'Х': 'x', 'У': 'y', 'Ү': 'y',
	'Ԛ': 'q', 'Ԝ': 'w', 'Ӏ': 'l', 'Ԁ': 'd', 'Ꙇ': 'i',
	// Cyrillic small letters.
	'а': 'a', 'с': 'c', 'е': 'e', 'һ': 'h', 'і': 'i', 'ј': 'j', 'о': 'o', 'р': 'p',
	'ѕ': 's', 'х': 'x', 'у': 'y', 'ү': 'y', 'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ӏ': 'l',
	'ɡ': 'g', 'ѵ': 'v', 'к': 'k', 'м': 'm', 'т': 't', 'в': 'b', 'н': 'h',
	// Greek capitals.
	'Α': 'a', 'Β': 'b', 'Ε': 'e', 'Ζ': 'z', 'Η': 'h', 'Ι': 'i', 'Κ': 'k', 'Μ': 'm',
	'Ν': 'n', 'Ο': 'o', 'Ρ': 'p', 'Τ': 't', 'Υ': 'y', 'Χ': 'x', 'Ϲ': 'c', 'Ϳ': 'j',
	// Greek small letters.
	'α': 'a', 'ε': 'e', 'ι': 'i', 'κ': 'k', 'ν': 'v', 'ο': 'o', 'ρ': 'p', 'τ': 't',
	'υ': 'u', 'χ': 'x', 'γ': 'y', 'ϲ': 'c', 'ϳ': 'j',
	// Latin letters from other blocks that NFKD keeps apart.
	'ı': 'i', 'ȷ': 'j', 'ɑ': 'a', 'ɩ': 'i', 'ʏ': 'y', 'ᴀ': 'a', 'ʙ': 'b', 'ᴄ': 'c',
	'ᴅ': 'd', 'ᴇ': 'e', 'ɢ': 'g', 'ʜ': 'h', 'ɪ': 'i', 'ᴊ': 'j', 'ᴋ': 'k', 'ʟ': 'l',
	'ᴍ': 'm', 'ɴ': 'n', 'ᴏ': 'o', 'ᴘ': 'p', 'ʀ': 'r', 'ꜱ': 's', 'ᴛ': 't', 'ᴜ': 'u',
	'ᴠ': 'v', 'ᴡ': 'w', 'ᴢ': 'z',
}

// The generated table (confusable_ucd.go, from Unicode's confusables data)
// fills in Cherokee, Lisu, Armenian, Canadian syllabics, Coptic and other
// scripts that imitate Latin letters; the hand-written entries above win.
func init() {
	for r, l := range confusableUCD {
		if _, ok := confusable[r]; !ok {
			confusable[r] = l
		}
	}
}

// enclosedLetter folds the enclosed Latin capitals that NFKD leaves alone
// (or turns into nothing a reader would miss): squared 🄰 U+1F130–1F149,
// negative circled 🅐 U+1F150–1F169, negative squared 🅰 U+1F170–1F189 and
// regional indicators 🇦 U+1F1E6–1F1FF all read as the letter they show.
func enclosedLetter(r rune) (rune, bool) {
	for _, base := range [...]rune{0x1F130, 0x1F150, 0x1F170, 0x1F1E6} {
		if r >= base && r < base+26 {
			return 'a' + (r - base), true
		}
	}
	return 0, false
}
