package lexicon

import (
	"reflect"
	"strings"
	"testing"

	"github.com/darkaudit/darkaudit/evidence/text"
)

// TestEveryLanguageHasEverySection proves that adding a language is a data
// change that cannot be half done: every section of every language file is
// filled, every entry normalises to something, and the map sections name
// the same keys as English.
func TestEveryLanguageHasEverySection(t *testing.T) {
	if got := strings.Join(Langs(), " "); got != "de en es fr it nl" {
		t.Fatalf("languages = %s, want de en es fr it nl", got)
	}
	en := Get("en")
	for _, l := range Each() {
		v := reflect.ValueOf(*l)
		for i := 0; i < v.NumField(); i++ {
			f := v.Type().Field(i)
			key := strings.Split(f.Tag.Get("json"), ",")[0]
			switch x := v.Field(i).Interface().(type) {
			case []string:
				if len(x) == 0 && optional[key] {
					continue
				}
				checkList(t, l.Lang+"."+key, x, true)
			case map[string][]string:
				if len(x) == 0 {
					t.Errorf("%s: section %s is empty", l.Lang, key)
				}
				ref := reflect.ValueOf(*en).Field(i).Interface().(map[string][]string)
				for k := range ref {
					if _, ok := x[k]; !ok {
						t.Errorf("%s: %s has no %q", l.Lang, key, k)
					}
				}
				for k, words := range x {
					if _, ok := ref[k]; !ok {
						t.Errorf("%s: %s has %q, which English lacks", l.Lang, key, k)
					}
					checkList(t, l.Lang+"."+key+"."+k, words, key != "periods")
				}
			}
		}
	}
}

// optional are the sections a language may leave empty, documented on
// Language: only compounding languages build words like "versandkostenfrei".
var optional = map[string]bool{"freeCompound": true}

func checkList(t *testing.T, where string, words []string, phrases bool) {
	t.Helper()
	if len(words) == 0 {
		t.Errorf("%s is empty", where)
	}
	seen := map[string]bool{}
	for _, w := range words {
		if phrases && text.Normalize(strings.Trim(w, "*")) == "" {
			t.Errorf("%s: %q normalises to nothing and would never match", where, w)
		}
		if seen[w] {
			t.Errorf("%s lists %q twice", where, w)
		}
		seen[w] = true
	}
}

// TestUnknownKeysRejected proves a misspelt section fails to load instead of
// silently going unread, and that the embedded files have none.
func TestUnknownKeysRejected(t *testing.T) {
	if _, err := All(); err != nil {
		t.Fatal(err)
	}
	if _, err := decodeBytes("xx.json", []byte(`{"lang":"xx","comitMoney":["pay"]}`)); err == nil {
		t.Error("an unknown key loaded without error")
	}
	if _, err := decodeBytes("xx.json", []byte(`{"lang":"yy"}`)); err == nil {
		t.Error("a file whose lang differs from its name loaded")
	}
}

func TestGet(t *testing.T) {
	if Get("de-AT") == nil || Get("FR_ch") == nil || Get("pt") != nil {
		t.Error("Get does not resolve region subtags")
	}
}
