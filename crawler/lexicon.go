package crawler

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

//go:embed lexicon/*.json
var lexiconFS embed.FS

// Lexicon is the crawler's multilingual vocabulary: the words that tell page
// kinds apart, the intents the walker looks for, and the phrases the safety
// guard refuses to click. It is data (one file per language), so adding a
// language is a data change.
type Lexicon struct {
	// PageKinds maps a page kind to its cue phrases in every language.
	PageKinds map[string][]string
	// Intents maps an intent (addToCart, checkout, guest, ...) to its phrases.
	Intents map[string][]string
	// CommitMoney phrases are never clicked; CommitMoneyOnPayment phrases are
	// never clicked on a checkout or payment step.
	CommitMoney, CommitMoneyOnPayment []string
	// Langs lists the languages loaded.
	Langs []string
}

type lexiconFile struct {
	Lang                 string              `json:"lang"`
	PageKinds            map[string][]string `json:"pageKinds"`
	Intents              map[string][]string `json:"intents"`
	CommitMoney          []string            `json:"commitMoney"`
	CommitMoneyOnPayment []string            `json:"commitMoneyOnPayment"`
}

var (
	lexOnce sync.Once
	lex     *Lexicon
	lexErr  error
)

// Lexicons returns the merged vocabulary of every embedded language file.
func Lexicons() (*Lexicon, error) {
	lexOnce.Do(func() { lex, lexErr = loadLexicon() })
	return lex, lexErr
}

func loadLexicon() (*Lexicon, error) {
	entries, err := lexiconFS.ReadDir("lexicon")
	if err != nil {
		return nil, err
	}
	l := &Lexicon{PageKinds: map[string][]string{}, Intents: map[string][]string{}}
	for _, e := range entries {
		data, err := lexiconFS.ReadFile("lexicon/" + e.Name())
		if err != nil {
			return nil, err
		}
		var f lexiconFile
		if err := json.Unmarshal(data, &f); err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", e.Name(), err)
		}
		l.Langs = append(l.Langs, f.Lang)
		for k, v := range f.PageKinds {
			l.PageKinds[k] = append(l.PageKinds[k], normAll(v)...)
		}
		for k, v := range f.Intents {
			l.Intents[k] = append(l.Intents[k], normAll(v)...)
		}
		l.CommitMoney = append(l.CommitMoney, normAll(f.CommitMoney)...)
		l.CommitMoneyOnPayment = append(l.CommitMoneyOnPayment, normAll(f.CommitMoneyOnPayment)...)
	}
	sort.Strings(l.Langs)
	return l, nil
}

func normAll(v []string) []string {
	out := make([]string, 0, len(v))
	for _, s := range v {
		if n := Normalize(s); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// Normalize folds text for matching: lower case, NFC, punctuation and symbols
// to spaces (apostrophes kept), runs of space collapsed.
func Normalize(s string) string {
	s = norm.NFC.String(strings.ToLower(s))
	var b strings.Builder
	space := true
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '/':
			if r == '’' {
				r = '\''
			}
			b.WriteRune(r)
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// containsPhrase reports whether normalized text contains phrase as whole words.
func containsPhrase(text, phrase string) bool {
	if phrase == "" {
		return false
	}
	t := " " + text + " "
	return strings.Contains(t, " "+phrase+" ")
}

// MatchAny returns the first phrase of list found in normalized text as whole words.
func MatchAny(text string, list []string) (string, bool) {
	for _, p := range list {
		if containsPhrase(text, p) {
			return p, true
		}
	}
	return "", false
}
