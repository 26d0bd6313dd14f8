package detectors

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strings"

	"github.com/darkaudit/darkaudit/evidence"
)

// Crop geometry, in CSS pixels.
const (
	cropMargin  = 40
	outlineSize = 3
)

var outlineColour = color.RGBA{R: 0xe0, G: 0x10, B: 0x10, A: 0xff}

// WriteCrops cuts, for every finding of a with a box and a screenshot, the
// full-page screenshot around the box (with a margin, clamped to the image),
// outlines the box in red, stores it as evidence/crop-<id>.png and sets
// Evidence.Crop. A missing or unreadable screenshot is skipped silently: the
// crop is a convenience, the screenshot is the evidence. It runs after Judge,
// from the command layer; detectors themselves never write files.
func WriteCrops(b *evidence.Bundle, a *evidence.Audit) error {
	var errs []error
	cache := map[string]image.Image{}
	for i := range a.Findings {
		f := &a.Findings[i]
		box := f.Location.Box
		shot := f.Evidence.Screenshot
		if box == nil || box.Empty() || shot == "" {
			continue
		}
		img, ok := cache[shot]
		if !ok {
			img = readPNG(b, shot)
			cache[shot] = img
		}
		if img == nil {
			continue
		}
		crop := cropAround(img, *box, scaleOf(img, a.Browser.Viewport.Width))
		if crop == nil {
			continue
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, crop); err != nil {
			errs = append(errs, fmt.Errorf("crop for finding %s: %w", f.ID, err))
			continue
		}
		id := strings.TrimPrefix(f.ID, FingerprintVersion+":")
		ref, err := b.WriteEvidence("crop-"+evidence.SafeName(id)+".png", buf.Bytes())
		if err != nil {
			errs = append(errs, fmt.Errorf("crop for finding %s: %w", f.ID, err))
			continue
		}
		f.Evidence.Crop = ref.Path
	}
	return errors.Join(errs...)
}

func readPNG(b *evidence.Bundle, rel string) image.Image {
	data, err := b.ReadFile(rel)
	if err != nil {
		return nil
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	return img
}

// scaleOf is the device pixel ratio of a screenshot: boxes are CSS pixels,
// a HiDPI screenshot has 2 or 3 image pixels per CSS pixel.
func scaleOf(img image.Image, viewportWidth int) float64 {
	if viewportWidth <= 0 {
		return 1
	}
	r := float64(img.Bounds().Dx()) / float64(viewportWidth)
	if r >= 1.5 {
		return math.Round(r*4) / 4
	}
	return 1
}

// cropAround returns the part of img around box with the box outlined, or
// nil when the box lies outside the image.
func cropAround(img image.Image, box evidence.Box, scale float64) *image.RGBA {
	bounds := img.Bounds()
	px := func(v float64) int { return int(math.Round(v * scale)) }
	inner := image.Rect(px(box.X), px(box.Y), px(box.X+box.Width), px(box.Y+box.Height)).Add(bounds.Min)
	margin := px(cropMargin)
	outer := image.Rect(inner.Min.X-margin, inner.Min.Y-margin, inner.Max.X+margin, inner.Max.Y+margin).Intersect(bounds)
	if outer.Empty() || !inner.Overlaps(bounds) {
		return nil
	}
	dst := image.NewRGBA(image.Rect(0, 0, outer.Dx(), outer.Dy()))
	draw.Draw(dst, dst.Bounds(), img, outer.Min, draw.Src)
	// The outline sits just outside the box, so it never hides the element.
	w := max(1, px(outlineSize))
	r := inner.Sub(outer.Min)
	ring := image.Rect(r.Min.X-w, r.Min.Y-w, r.Max.X+w, r.Max.Y+w)
	red := image.NewUniform(outlineColour)
	for _, band := range []image.Rectangle{
		image.Rect(ring.Min.X, ring.Min.Y, ring.Max.X, r.Min.Y), // top
		image.Rect(ring.Min.X, r.Max.Y, ring.Max.X, ring.Max.Y), // bottom
		image.Rect(ring.Min.X, r.Min.Y, r.Min.X, r.Max.Y),       // left
		image.Rect(r.Max.X, r.Min.Y, ring.Max.X, r.Max.Y),       // right
	} {
		draw.Draw(dst, band.Intersect(dst.Bounds()), red, image.Point{}, draw.Src)
	}
	return dst
}
