package reports

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

func greyImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{R: 200, G: 200, B: 200, A: 255})
		}
	}
	return img
}

func isOutline(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r>>8 == 0xe0 && g>>8 == 0x10 && b>>8 == 0x10
}

func TestCropAroundIsGenerous(t *testing.T) {
	img := greyImage(1280, 1600)
	cases := []struct {
		name string
		box  evidence.Box
		w, h int
	}{
		{"small box mid-page", evidence.Box{X: 600, Y: 700, Width: 20, Height: 20}, cropMinWidth, cropMinHeight},
		{"box at the top-left corner", evidence.Box{X: 2, Y: 2, Width: 20, Height: 20}, cropMinWidth, cropMinHeight},
		{"box at the bottom-right corner", evidence.Box{X: 1250, Y: 1570, Width: 20, Height: 20}, cropMinWidth, cropMinHeight},
		{"wide box keeps its margin", evidence.Box{X: 100, Y: 400, Width: 900, Height: 200}, 900 + 2*cropMargin, 200 + 2*cropMargin},
	}
	for _, c := range cases {
		got := cropAround(img, c.box, 1)
		if got == nil {
			t.Fatalf("%s: no crop", c.name)
		}
		if got.Bounds().Dx() != c.w || got.Bounds().Dy() != c.h {
			t.Errorf("%s: crop %dx%d, want %dx%d", c.name, got.Bounds().Dx(), got.Bounds().Dy(), c.w, c.h)
		}
		if got.Bounds().Dx() < 560 || got.Bounds().Dy() < 160 {
			t.Errorf("%s: crop %v smaller than 560x160", c.name, got.Bounds())
		}
	}
	// The label of a small control sits to its right: most of the widening goes there.
	if got := cropAround(img, evidence.Box{X: 600, Y: 700, Width: 20, Height: 20}, 1); got != nil {
		left := 600 - (cropMinWidth-20-2*cropMargin)/3 - cropMargin
		if !isOutline(got.At(600-left-1, 100)) { // y: the box (700) less the top of the crop (610), plus half its height
			t.Errorf("box not at x=%d of the crop: the crop should start at x=%d of the page", 600-left, left)
		}
	}
	// A screenshot smaller than the minimum is used whole.
	small := greyImage(300, 120)
	if got := cropAround(small, evidence.Box{X: 10, Y: 10, Width: 20, Height: 20}, 1); got == nil ||
		got.Bounds().Dx() != 300 || got.Bounds().Dy() != 120 {
		t.Errorf("small screenshot: crop %v, want the whole 300x120", got.Bounds())
	}
	// HiDPI: boxes are CSS pixels, the crop is in image pixels.
	hi := greyImage(2560, 3200)
	if got := cropAround(hi, evidence.Box{X: 600, Y: 700, Width: 20, Height: 20}, 2); got == nil ||
		got.Bounds().Dx() != 2*cropMinWidth || got.Bounds().Dy() != 2*cropMinHeight {
		t.Errorf("2x screenshot: crop %v", got.Bounds())
	}
	if cropAround(img, evidence.Box{X: 5000, Y: 5000, Width: 10, Height: 10}, 1) != nil {
		t.Error("a box outside the screenshot gave a crop")
	}
}

func TestWriteCropsGenerous(t *testing.T) {
	b, err := evidence.NewBundle(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, greyImage(800, 400)); err != nil {
		t.Fatal(err)
	}
	shot, err := b.WriteEvidence("j1-00.png", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	box := &evidence.Box{X: 100, Y: 40, Width: 20, Height: 20}
	f := evidence.Finding{Rule: "preticked-paid-addon", Location: evidence.Location{
		URL: "https://shop.example/checkout", Selector: "#ins", Text: "Add insurance", Box: box},
		Evidence: evidence.EvidenceRefs{Screenshot: shot.Path}}
	f.ID = evidence.Fingerprint(f)
	missing := f
	missing.Location.Selector, missing.Evidence.Screenshot = "#gone", "evidence/missing.png"
	missing.ID = evidence.Fingerprint(missing)
	nobox := f
	nobox.Location.Box, nobox.Location.Selector = nil, "#nobox"
	nobox.ID = evidence.Fingerprint(nobox)
	a := &evidence.Audit{Browser: evidence.Browser{Viewport: evidence.Size{Width: 800, Height: 400}},
		Findings: []evidence.Finding{f, missing, nobox}}
	if err := WriteCrops(b, a); err != nil {
		t.Fatal(err)
	}
	if a.Findings[1].Evidence.Crop != "" || a.Findings[2].Evidence.Crop != "" {
		t.Errorf("crop without a screenshot or a box: %+v", a.Findings[1:])
	}
	ref := a.Findings[0].Evidence.Crop
	if ref == "" {
		t.Fatal("no crop written")
	}
	data, err := b.ReadFile(ref)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("crop is not a PNG: %v", err)
	}
	if img.Bounds().Dx() != cropMinWidth || img.Bounds().Dy() != cropMinHeight {
		t.Errorf("crop %v, want %dx%d", img.Bounds(), cropMinWidth, cropMinHeight)
	}
	// The crop starts at (0,0) of the screenshot here (the box is near the
	// corner), so the box is at (100,40): the outline runs just outside it.
	for _, p := range []image.Point{{99, 50}, {120, 50}, {110, 39}, {110, 60}, {97, 37}} {
		if !isOutline(img.At(p.X, p.Y)) {
			t.Errorf("no outline at %v: %v", p, img.At(p.X, p.Y))
		}
	}
	for _, p := range []image.Point{{110, 50}, {50, 150}, {300, 150}} {
		if isOutline(img.At(p.X, p.Y)) {
			t.Errorf("outline colour at %v, which should show the page", p)
		}
	}
}
