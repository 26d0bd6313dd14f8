package reports

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/darkaudit/darkaudit/evidence"
)

// tinyPNG is a white w×h screenshot.
func tinyPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.White)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func isRed(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r>>8 == uint32(outlineColour.R) && g>>8 == uint32(outlineColour.G) && b>>8 == uint32(outlineColour.B)
}

func isWhite(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r == 0xffff && g == 0xffff && b == 0xffff
}

func TestWriteCrops(t *testing.T) {
	for _, tc := range []struct {
		name          string
		imgW, imgH    int
		viewport      int
		scale         int
		wantW, wantH  int // crop size in image pixels
		boxX, boxY    int // box origin inside the crop, in image pixels
		boxW, boxH    int
		clampedToEdge bool
	}{
		// box (50,40) 30×20: the crop is widened towards cropMinWidth x
		// cropMinHeight and clamped to the screenshot, here the whole 200×150
		{name: "1x", imgW: 200, imgH: 150, viewport: 200, scale: 1, wantW: 200, wantH: 150, boxX: 50, boxY: 40, boxW: 30, boxH: 20},
		// the same page captured at device pixel ratio 2
		{name: "2x", imgW: 400, imgH: 300, viewport: 200, scale: 2, wantW: 400, wantH: 300, boxX: 100, boxY: 80, boxW: 60, boxH: 40},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := evidence.NewBundle(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			shot, err := b.WriteEvidence("j1-03.png", tinyPNG(t, tc.imgW, tc.imgH))
			if err != nil {
				t.Fatal(err)
			}
			a := &evidence.Audit{Browser: evidence.Browser{Viewport: evidence.Size{Width: tc.viewport, Height: 800}}}
			a.Findings = []evidence.Finding{
				{ID: "v1:00000000000000aa", Rule: "preticked-paid-addon",
					Location: evidence.Location{Box: &evidence.Box{X: 50, Y: 40, Width: 30, Height: 20}},
					Evidence: evidence.EvidenceRefs{Screenshot: shot.Path}},
				{ID: "v1:00000000000000bb", Rule: "sneak-into-basket-total", // no box: no crop
					Evidence: evidence.EvidenceRefs{Screenshot: shot.Path}},
				{ID: "v1:00000000000000cc", Rule: "sneak-into-basket-item", // screenshot missing: skipped silently
					Location: evidence.Location{Box: &evidence.Box{X: 1, Y: 1, Width: 5, Height: 5}},
					Evidence: evidence.EvidenceRefs{Screenshot: "evidence/missing.png"}},
				{ID: "v1:00000000000000dd", Rule: "sneak-into-basket-item", // box off the image: no crop
					Location: evidence.Location{Box: &evidence.Box{X: 5000, Y: 5000, Width: 5, Height: 5}},
					Evidence: evidence.EvidenceRefs{Screenshot: shot.Path}},
			}
			if err := WriteCrops(b, a); err != nil {
				t.Fatalf("WriteCrops: %v", err)
			}
			for _, f := range a.Findings[1:] {
				if f.Evidence.Crop != "" {
					t.Errorf("%s: unexpected crop %s", f.ID, f.Evidence.Crop)
				}
			}
			crop := a.Findings[0].Evidence.Crop
			if crop != "evidence/crop-00000000000000aa.png" {
				t.Fatalf("crop path %q", crop)
			}
			data, err := b.ReadFile(crop)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("crop is not a PNG: %v", err)
			}
			if img.Bounds().Dx() != tc.wantW || img.Bounds().Dy() != tc.wantH {
				t.Fatalf("crop is %v, want %dx%d", img.Bounds().Size(), tc.wantW, tc.wantH)
			}
			w := outlineSize * tc.scale
			// The outline runs just outside the box on all four sides.
			for _, p := range []image.Point{
				{tc.boxX - 1, tc.boxY + tc.boxH/2},             // left
				{tc.boxX + tc.boxW, tc.boxY + tc.boxH/2},       // right
				{tc.boxX + tc.boxW/2, tc.boxY - 1},             // top
				{tc.boxX + tc.boxW/2, tc.boxY + tc.boxH},       // bottom
				{tc.boxX - w, tc.boxY - w},                     // outer corner
				{tc.boxX + tc.boxW + w - 1, tc.boxY + tc.boxH}, // bottom-right band
			} {
				if !isRed(img.At(p.X, p.Y)) {
					t.Errorf("pixel %v is %v, want the red outline", p, img.At(p.X, p.Y))
				}
			}
			// It never covers the element, and stops after its width.
			for _, p := range []image.Point{
				{tc.boxX, tc.boxY}, {tc.boxX + tc.boxW/2, tc.boxY + tc.boxH/2}, {tc.boxX + tc.boxW - 1, tc.boxY + tc.boxH - 1},
				{tc.boxX - w - 1, tc.boxY + tc.boxH/2}, {0, 0},
			} {
				if !isWhite(img.At(p.X, p.Y)) {
					t.Errorf("pixel %v is %v, want the untouched screenshot", p, img.At(p.X, p.Y))
				}
			}
		})
	}
}
