package reports

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

// Crop geometry, in CSS pixels. A crop is generous: the box plus a margin,
// widened to at least cropMinWidth by cropMinHeight when the screenshot
// allows, so a checkbox's whole label and the text around it are readable.
const (
	cropMargin    = 40
	cropMinWidth  = 640
	cropMinHeight = 200
	outlineSize   = 3
)

var outlineColour = color.RGBA{R: 0xe0, G: 0x10, B: 0x10, A: 0xff}

// WriteCrops cuts, for every finding of a with a box and a screenshot, the
// full-page screenshot around the box (with a margin, widened to at least
// cropMinWidth x cropMinHeight CSS pixels and kept inside the image),
// outlines the box in red, stores it as evidence/crop-<id>.png and sets
// Evidence.Crop. A missing or unreadable screenshot is skipped silently: the
// crop is a convenience, the screenshot is the evidence. It runs after Judge,
// from the command layer; detectors themselves never write files.
func WriteCrops(b *evidence.Bundle, a *evidence.Audit) error {
	var errs []error
	cache := map[string]image.Image{}
	for i := range a.Findings {
		f := &a.Findings[i]
		shot := f.Evidence.Screenshot
		if shot == "" {
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
		id := evidence.SafeName(strings.TrimPrefix(f.ID, evidence.FingerprintVersionOf(f.ID)+":"))
		scale := scaleOf(img, a.Browser.Viewport.Width)
		if path, err := writeCrop(b, img, f.Location.Box, scale, "crop-"+id+".png"); err != nil {
			errs = append(errs, fmt.Errorf("crop for finding %s: %w", f.ID, err))
		} else if path != "" {
			f.Evidence.Crop = path
		}
		for k := range f.Evidence.Related {
			r := &f.Evidence.Related[k]
			name := fmt.Sprintf("crop-%s-related-%d.png", id, k+1)
			if path, err := writeCrop(b, img, r.Box, scale, name); err != nil {
				errs = append(errs, fmt.Errorf("related crop %d for finding %s: %w", k+1, f.ID, err))
			} else if path != "" {
				r.Crop = path
			}
		}
	}
	return errors.Join(errs...)
}

// writeCrop stores the crop of img around box as evidence/name and returns
// its bundle path, or "" when there is no box or it lies outside the image.
func writeCrop(b *evidence.Bundle, img image.Image, box *evidence.Box, scale float64, name string) (string, error) {
	if box == nil || box.Empty() {
		return "", nil
	}
	crop := cropAround(img, *box, scale)
	if crop == nil {
		return "", nil
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, crop); err != nil {
		return "", err
	}
	ref, err := b.WriteEvidence(name, buf.Bytes())
	if err != nil {
		return "", err
	}
	return ref.Path, nil
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
	if !inner.Overlaps(bounds) {
		return nil
	}
	margin := px(cropMargin)
	outer := image.Rect(inner.Min.X-margin, inner.Min.Y-margin, inner.Max.X+margin, inner.Max.Y+margin)
	outer = widen(outer, px(cropMinWidth), px(cropMinHeight), bounds)
	if outer.Empty() {
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

// widen grows r to at least w by h, then slides it back inside bounds
// (rather than cutting it) so a box near an edge still gets its context, and
// finally clamps it to bounds when the image is smaller. Vertically it grows
// evenly; horizontally two thirds of the growth go to the right, where the
// label of a checkbox, switch or radio sits on left-to-right pages.
func widen(r image.Rectangle, w, h int, bounds image.Rectangle) image.Rectangle {
	if d := w - r.Dx(); d > 0 {
		r.Min.X -= d / 3
		r.Max.X += d - d/3
	}
	if d := h - r.Dy(); d > 0 {
		r.Min.Y -= d / 2
		r.Max.Y += d - d/2
	}
	shift := func(lo, hi, blo, bhi int) int {
		switch {
		case lo < blo:
			return blo - lo
		case hi > bhi:
			return max(bhi-hi, blo-lo)
		}
		return 0
	}
	dx := shift(r.Min.X, r.Max.X, bounds.Min.X, bounds.Max.X)
	dy := shift(r.Min.Y, r.Max.Y, bounds.Min.Y, bounds.Max.Y)
	return r.Add(image.Pt(dx, dy)).Intersect(bounds)
}
