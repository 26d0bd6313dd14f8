package lexicon

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
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
			case map[string]map[string][]string:
				for _, p := range familyProblems(l.Lang, x, en.Families) {
					t.Error(p)
				}
			}
		}
	}
}

// familyProblems checks a language's family word lists against English's:
// the same families (each one of evidence's families) with the same lists,
// every list filled with entries that normalise to something.
func familyProblems(lang string, got, ref map[string]map[string][]string) []string {
	var out []string
	for fam, lists := range ref {
		for name := range lists {
			if _, ok := got[fam][name]; !ok {
				out = append(out, fmt.Sprintf("%s: families.%s has no list %q", lang, fam, name))
			}
		}
	}
	for fam, lists := range got {
		if !evidence.Family(fam).Valid() {
			out = append(out, fmt.Sprintf("%s: families.%s is not a family of evidence.Families()", lang, fam))
		}
		for name, words := range lists {
			if _, ok := ref[fam][name]; !ok {
				out = append(out, fmt.Sprintf("%s: families.%s.%s, which English lacks", lang, fam, name))
			}
			if len(words) == 0 {
				out = append(out, fmt.Sprintf("%s: families.%s.%s is empty", lang, fam, name))
			}
			for _, w := range words {
				if text.Normalize(strings.Trim(w, "*")) == "" {
					out = append(out, fmt.Sprintf("%s: families.%s.%s: %q normalises to nothing", lang, fam, name, w))
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

// TestFamilyListsChecked proves the families section is checked: a list
// English has and another language lacks, a list with nothing in it, and a
// family outside the vocabulary all fail; FamilyList reads lists by name.
func TestFamilyListsChecked(t *testing.T) {
	ref := map[string]map[string][]string{"confirmshaming": {"shame": {"i hate saving"}}}
	for _, got := range []map[string]map[string][]string{
		{},
		{"confirmshaming": {"shame": {}}},
		{"confirmshaming": {"shame": {"…"}}},
		{"confirmshaming": {"shame": {"x"}}, "no-such-family": {"x": {"y"}}},
	} {
		if len(familyProblems("xx", got, ref)) == 0 {
			t.Errorf("families %v passed against %v", got, ref)
		}
	}
	if p := familyProblems("en", ref, ref); len(p) > 0 {
		t.Errorf("English against itself: %v", p)
	}
	l := &Language{Families: ref}
	if len(l.FamilyList("confirmshaming", "shame")) != 1 || l.FamilyList("x", "y") != nil {
		t.Error("FamilyList does not read lists by name")
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
