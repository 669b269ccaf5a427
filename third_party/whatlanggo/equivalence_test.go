package whatlanggo

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// expectedLang is the language the fast path must return given the verbatim
// upstream result: upstream's answer, except that when several candidate
// languages tie for the top distance (upstream then picks one at random via
// map iteration order) the fast path deterministically picks the lowest id.
func expectedLang(want Info, dists []refLangDistance) Lang {
	if want.Lang < 0 || len(dists) < 2 || dists[0].dist != dists[1].dist {
		return want.Lang
	}
	best := dists[0].lang
	for _, d := range dists {
		if d.dist == dists[0].dist && d.lang < best {
			best = d.lang
		}
	}
	return best
}

func checkMatchesReference(t *testing.T, text string, opts Options) {
	t.Helper()
	want, dists := refDetectWithOptions(text, opts)
	got := DetectWithOptions(text, opts)
	wantLang := expectedLang(want, dists)
	if got.Script != want.Script || got.Lang != wantLang || got.Confidence != want.Confidence {
		t.Fatalf("text %q opts %v:\n got  %s/%s/%v\n want %s/%s/%v (upstream lang %s)",
			clip(text), opts, LangToString(got.Lang), Scripts[got.Script], got.Confidence,
			LangToString(wantLang), Scripts[want.Script], want.Confidence, LangToString(want.Lang))
	}
	if len(opts.Whitelist) == 0 && len(opts.Blacklist) == 0 {
		if g := DetectLang(text); g != wantLang {
			t.Fatalf("DetectLang(%q) = %s, want %s", clip(text), LangToString(g), LangToString(wantLang))
		}
	}
}

func checkScriptAndCount(t *testing.T, text string) {
	t.Helper()
	if got, want := DetectScript(text), refDetectScript(text); got != want {
		t.Fatalf("DetectScript(%q) = %s, want %s", clip(text), Scripts[got], Scripts[want])
	}
	got, want := count(text), refCount(text)
	if len(got) != len(want) {
		t.Fatalf("count(%q): %d trigrams, want %d", clip(text), len(got), len(want))
	}
	for k, w := range want {
		if got[k] != w {
			t.Fatalf("count(%q)[%q] = %d, want %d", clip(text), k, got[k], w)
		}
	}
}

func clip(s string) string {
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// optionSets exercises the whitelist/blacklist paths, including presence
// semantics (a false value still counts), single-candidate and
// no-candidate cases.
var optionSets = []Options{
	{},
	{Whitelist: map[Lang]bool{Eng: true, Fra: true, Deu: true, Rus: true, Ukr: true, Arb: true, Heb: true, Hin: true}},
	{Whitelist: map[Lang]bool{Spa: true}},
	{Whitelist: map[Lang]bool{Cmn: true}},
	{Whitelist: map[Lang]bool{Nob: false, Dan: false, Swe: true, Mkd: true, Bul: true}},
	{Blacklist: map[Lang]bool{Eng: true, Spa: true, Rus: true, Arb: true, Hin: true}},
	{Blacklist: map[Lang]bool{Heb: true, Ydd: true, Amh: true}},
	{Whitelist: map[Lang]bool{Por: true}, Blacklist: map[Lang]bool{Por: true}},
}

func loadExamples(t testing.TB) map[string]string {
	b, err := os.ReadFile("testdata/examples.json")
	if err != nil {
		t.Fatal(err)
	}
	var ex map[string]string
	if err := json.Unmarshal(b, &ex); err != nil {
		t.Fatal(err)
	}
	return ex
}

// scriptSamples: texts in every supported script plus mixes and oddities.
var scriptSamples = []string{
	"Además de todo lo anteriormente dicho, también encontramos...",
	"बहुत बहुत (धन्यवाद / शुक्रिया)!",
	"ኢትዮጵያ አፍሪቃ ውስጥ ናት",
	"ሰብኣዊ መሰላት ኣብ ኩሉ ዓለም ክኽበሩ ኣለዎም።",
	"لغتي العربية ليست كما يجب",
	"ہر انسان کو آزادی اور برابری کا حق حاصل ہے",
	"همه افراد بشر آزاد به دنیا می‌آیند",
	"我爱你", "其疾如風、其徐如林、侵掠如火、不動如山、難知如陰、動如雷震。",
	"আমি তোমাকে ভালোবাস ", "울란바토르", "모든 인간은 태어날 때부터 자유로우며",
	"ყველა ადამიანი იბადება თავისუფალი და თანასწორი",
	"Όλοι οι άνθρωποι γεννιούνται ελεύθεροι και ίσοι στην αξιοπρέπεια.",
	"ಎಲ್ಲಾ ಮಾನವರ ಉಚಿತ ಮತ್ತು ಘನತೆ", "நீங்கள் ஆங்கிலம் பேசுவீர்களா?",
	"มนุษย์ทุกคนเกิดมามีอิสระและเสมอภาคกัน", "નાણાં મારા લોહીમાં છે", " ਗੁਰੂ ਗ੍ਰੰਥ ਸਾਹਿਬ ਜੀ",
	"నన్ను ఒంటరిగా వదిలేయ్", "എന്താണ് നിങ്ങളുടെ പേര് ?", "ମୁ ତୁମକୁ ଭଲ ପାଏ |",
	"အားလုံးလူသားတွေအခမဲ့နှင့်", "වෙලාව කියද?", "ពួកម៉ាកខ្ញុំពីរនាក់នេះ",
	"支那の上海の或町です。", "今日は", "コンニチハ", "ﾀﾅｶ ﾀﾛｳ", "漢字漢字漢字かな",
	"Та нічого, все нормально. А в тебе як?", "Привет! Текст на русском with some English.",
	"Сите човечки суштества се раѓаат слободни", "Всички хора се раждат свободни",
	"Vouloir, c'est pouvoir", "Where there is a will there is a way",
	"Mi ŝategas la japanan kaj studas ĝin kelkajn jarojn 😊",
	"Mọi người sinh ra đều được tự do và bình đẳng về nhân phẩm và quyền lợi.",
	"Ọmọnìyàn ni a bí ní òmìnira; iyì àti ẹ̀tọ́ kọ̀ọ̀kan sì dọ́gba.",
	"האקדמיה ללשון העברית", "אַלע מענטשן ווערן געבוירן פֿרײַ",
	"Russian word любовь means love.", "123456789-=?", "", " ", "a", "A", "ß", "İstanbul",
	"ΣΊΣΥΦΟΣ", "ǅemal ǈubljana", "\x00\x01\x02abc\x7f", "\u0085\u00a0\u2028x", "\xff\xfe\xfd",
	"a\xffb\xc3", "ab1cd2ef3", "--a--", "🙂🙂🙂", "𠀀𠀁𠀂 ひらがな", "\U0001AFF0\U0001B000\U0001B120",
	"aж", "жa", "a ж", "ж a", "ab жз", "αж", "жα", "漢か", "か漢", "漢漢か", "か漢漢", "a漢か", "ж漢か",
	"DE DE DE de de", "the", "and the", "x y z", "e", "de", "la", "ng", "o a e i u",
}

func TestDetectMatchesReferenceExamples(t *testing.T) {
	ex := loadExamples(t)
	var all []string
	for _, text := range ex {
		all = append(all, text, strings.ToUpper(text), text[:len(text)/3])
	}
	all = append(all, scriptSamples...)
	for _, text := range all {
		checkScriptAndCount(t, text)
		for _, o := range optionSets {
			checkMatchesReference(t, text, o)
		}
	}
}

// runePools used by randomText; each is a [lo, hi] range.
var runePools = [][2]rune{
	{0x00, 0x7f},     // all of ASCII, controls included
	{0x00, 0x1f},     // C0 controls
	{'0', '9'},       // digits
	{'a', 'z'},       // lower ASCII
	{'A', 'Z'},       // upper ASCII
	{0x20, 0x2f},     // space and punctuation
	{0x80, 0xff},     // C1 controls, Latin-1
	{0x100, 0x24f},   // Latin extended
	{0x300, 0x36f},   // combining marks
	{0x370, 0x3ff},   // Greek
	{0x400, 0x4ff},   // Cyrillic
	{0x590, 0x5ff},   // Hebrew
	{0x600, 0x6ff},   // Arabic (incl. Arabic-Indic digits)
	{0x900, 0x97f},   // Devanagari
	{0x980, 0xdff},   // Bengali .. Sinhala
	{0xe00, 0xfff},   // Thai, Lao, Tibetan
	{0x1000, 0x109f}, // Myanmar
	{0x10a0, 0x10ff}, // Georgian
	{0x1100, 0x11ff}, // Hangul Jamo
	{0x1200, 0x139f}, // Ethiopic
	{0x1780, 0x17ff}, // Khmer
	{0x1e00, 0x1fff}, // Latin ext. additional, Greek extended
	{0x2000, 0x206f}, // general punctuation, odd spaces
	{0x3000, 0x30ff}, // CJK punctuation, Hiragana, Katakana
	{0x4e00, 0x9fff}, // Han
	{0xac00, 0xd7a3}, // Hangul syllables
	{0xff00, 0xffef}, // half/full width forms
	{0x1aff0, 0x1b16f},
	{0x1f300, 0x1f6ff}, // emoji
	{0x20000, 0x2a6df}, // Han ext. B
	{0, unicode.MaxRune},
}

// scriptLetters are letter ranges of distinct scripts, for short mixed-script
// texts whose per-script counts tie (DetectScript's move-to-front order then
// decides).
var scriptLetters = [][2]rune{
	{'a', 'z'}, {0x430, 0x44f}, {0x3b1, 0x3c9}, {0x5d0, 0x5ea}, {0x627, 0x64a},
	{0x915, 0x939}, {0x4e00, 0x4e50}, {0x3041, 0x3096}, {0x30a1, 0x30fa},
	{0xac00, 0xac50}, {0x1200, 0x1248}, {0x10d0, 0x10f0}, {0xe01, 0xe2e},
	{0x995, 0x9b9}, {0x1780, 0x17b3},
}

var profileLists = []langProfileList{latinLangs, cyrillicLangs, arabicLangs, devanagariLangs, ethiopicLangs, hebrewLangs}

// randomText returns strings of random runes (mode 0/1), raw random bytes
// (mode 2) or salads of real profile trigrams with noise, which give
// non-trivial distances and frequent ties (mode 3).
func randomText(r *rand.Rand) string {
	lengths := []int{0, 1, 2, 3, 4, 5, 8, 13, 30, 80, 200, 600, 2000}
	n := lengths[r.IntN(len(lengths))]
	if r.IntN(200) == 0 {
		n = 30000
	}
	var b strings.Builder
	switch r.IntN(5) {
	case 0: // any pool per rune
		for i := 0; i < n; i++ {
			p := runePools[r.IntN(len(runePools))]
			b.WriteRune(p[0] + r.Int32N(p[1]-p[0]+1))
		}
	case 1: // a few pools, mostly one
		main := runePools[r.IntN(len(runePools))]
		for i := 0; i < n; i++ {
			p := main
			if r.IntN(4) == 0 {
				p = runePools[r.IntN(6)]
			}
			b.WriteRune(p[0] + r.Int32N(p[1]-p[0]+1))
		}
	case 2:
		for i := 0; i < n; i++ {
			b.WriteByte(byte(r.UintN(256)))
		}
	case 3:
		list := profileLists[r.IntN(len(profileLists))]
		langs := make([]Lang, 0, len(list))
		for l := range list {
			langs = append(langs, l)
		}
		for b.Len() < n {
			tri := list[langs[r.IntN(len(langs))]][r.IntN(maxTrigramDistance)]
			switch r.IntN(8) {
			case 0:
				tri = strings.ToUpper(tri)
			case 1:
				tri += string(rune('0' + r.IntN(10)))
			case 2:
				tri += ".,;!?-"[r.IntN(6):][:1]
			case 3:
				_, sz := utf8.DecodeRuneInString(tri)
				tri = tri[sz:]
			}
			b.WriteString(tri)
			if r.IntN(3) == 0 {
				b.WriteByte(' ')
			}
		}
	case 4: // few letters from 2-4 scripts, with spaces and digits
		k := 2 + r.IntN(3)
		pools := make([][2]rune, k)
		for i := range pools {
			pools[i] = scriptLetters[r.IntN(len(scriptLetters))]
		}
		for i := 0; i < 2+r.IntN(12); i++ {
			if r.IntN(5) == 0 {
				b.WriteString(" 1"[r.IntN(2):][:1])
				continue
			}
			p := pools[r.IntN(k)]
			b.WriteRune(p[0] + r.Int32N(p[1]-p[0]+1))
		}
	}
	return b.String()
}

func TestDetectMatchesReferenceRandom(t *testing.T) {
	iters := 6000
	if testing.Short() {
		iters = 600
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < iters; i++ {
		text := randomText(r)
		checkScriptAndCount(t, text)
		checkMatchesReference(t, text, optionSets[r.IntN(len(optionSets))])
		checkMatchesReference(t, text, Options{})
	}
}

func TestDetectMatchesReferenceLong(t *testing.T) {
	ex := loadExamples(t)
	var b strings.Builder
	for b.Len() < 1<<20 {
		for _, text := range ex {
			b.WriteString(text)
			b.WriteString(" 12, ")
		}
	}
	long := b.String()
	checkScriptAndCount(t, long)
	checkMatchesReference(t, long, Options{})
	eng := strings.Repeat(newsText, 200)
	checkScriptAndCount(t, eng)
	checkMatchesReference(t, eng, Options{})
	checkMatchesReference(t, eng, Options{Blacklist: map[Lang]bool{Eng: true}})
}

// TestTieBreakIsLowestLangID: for inputs where several languages tie for the
// highest distance, upstream's answer depends on map iteration order; ours is
// always the tied language with the lowest id.
func TestTieBreakIsLowestLangID(t *testing.T) {
	ties := 0
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 3000 && ties < 20; i++ {
		text := randomText(r)
		want, dists := refDetectWithOptions(text, Options{})
		if want.Lang < 0 || len(dists) < 2 || dists[0].dist != dists[1].dist {
			continue
		}
		ties++
		exp := expectedLang(want, dists)
		for j := 0; j < 5; j++ {
			if got := Detect(text); got.Lang != exp || got.Confidence != 0 {
				t.Fatalf("tie %q: got %s/%v want %s/0", clip(text), LangToString(got.Lang), got.Confidence, LangToString(exp))
			}
		}
	}
	if ties == 0 {
		t.Fatal("no tie found; the generator no longer exercises ties")
	}
}

// TestRunePagesMatchUpstream checks the per-rune cache against upstream's
// predicates for every rune.
func TestRunePagesMatchUpstream(t *testing.T) {
	checks := []func(rune) bool{}
	for _, tab := range scriptTables {
		checks = append(checks, refIs(tab))
	}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		p := pageOf(r)
		if got, want := p.trig[r&0xff], unicode.ToLower(refToTrigramChar(r)); got != want || trigramRune(r) != want {
			t.Fatalf("%U: trigram rune %U, want %U", r, got, want)
		}
		cls := p.cls[r&0xff]
		if refIsStopChar(r) {
			if cls != clsStop {
				t.Fatalf("%U: class %d, want stop", r, cls)
			}
			continue
		}
		var m uint32
		for k, f := range checks {
			if f(r) {
				m |= 1 << k
			}
		}
		if m != scriptMask(r) {
			t.Fatalf("%U: mask %b, want %b", r, scriptMask(r), m)
		}
		want := clsMulti
		switch {
		case m == 0:
			want = clsNone
		case m&(m-1) == 0:
			want = clsScript0
			for m != 1 {
				m >>= 1
				want++
			}
		}
		if cls != want {
			t.Fatalf("%U: class %d, want %d", r, cls, want)
		}
	}
}

func fuzzOptions(mode uint8, bits uint64) Options {
	set := map[Lang]bool{}
	for b := 0; b < 64; b++ {
		if bits&(1<<b) != 0 {
			set[Lang(b)] = b%3 != 0 // presence counts, not the value
			if b+64 <= int(Zul) {
				set[Lang(b+64)] = true
			}
		}
	}
	switch mode % 4 {
	case 1:
		return Options{Whitelist: set}
	case 2:
		return Options{Blacklist: set}
	case 3:
		return Options{Whitelist: set, Blacklist: map[Lang]bool{Eng: true}}
	}
	return Options{}
}

func FuzzDetectMatchesReference(f *testing.F) {
	ex := loadExamples(f)
	for _, text := range ex {
		f.Add(text, uint8(0), uint64(0))
	}
	for i, text := range scriptSamples {
		f.Add(text, uint8(i), uint64(i)*0x9E3779B97F4A7C15)
	}
	f.Add(newsText, uint8(0), uint64(0))
	f.Add(newsText, uint8(2), uint64(1)<<Eng)
	f.Fuzz(func(t *testing.T, text string, mode uint8, bits uint64) {
		checkScriptAndCount(t, text)
		checkMatchesReference(t, text, fuzzOptions(mode, bits))
	})
}

// TestDetectConcurrent: the lazily built indexes, rune pages and scratch
// pools are shared between goroutines (run with -race).
func TestDetectConcurrent(t *testing.T) {
	ex := loadExamples(t)
	texts := append([]string{newsText}, scriptSamples...)
	for _, text := range ex {
		texts = append(texts, text)
	}
	want := make([]Info, len(texts))
	for i, text := range texts {
		ref, dists := refDetectWithOptions(text, Options{})
		ref.Lang = expectedLang(ref, dists)
		want[i] = ref
	}
	done := make(chan error, 8)
	for g := 0; g < 8; g++ {
		go func(g int) {
			for n := 0; n < 20; n++ {
				for i := range texts {
					j := (i*7 + g + n) % len(texts)
					if got := Detect(texts[j]); got != want[j] {
						done <- fmt.Errorf("%q: got %+v want %+v", clip(texts[j]), got, want[j])
						return
					}
				}
			}
			done <- nil
		}(g)
	}
	for g := 0; g < 8; g++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}
