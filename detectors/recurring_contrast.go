package detectors

import (
	"math"

	"github.com/darkaudit/darkaudit/evidence"
)

// contrastRatio is the WCAG 2 contrast ratio of text in fg on bg, with the
// text's alpha and the element's opacity blended over the background. A
// missing background counts as white.
func contrastRatio(fg, bg evidence.Colour, opacity float64) float64 {
	if opacity <= 0 || opacity > 1 {
		opacity = 1
	}
	a := fg.A
	if a <= 0 || a > 1 {
		a = 1
	}
	a *= opacity
	if bg.A <= 0 {
		bg = evidence.Colour{R: 255, G: 255, B: 255, A: 1}
	}
	mix := func(f, b uint8) float64 { return a*float64(f) + (1-a)*float64(b) }
	lf := relLuminance(mix(fg.R, bg.R), mix(fg.G, bg.G), mix(fg.B, bg.B))
	lb := relLuminance(float64(bg.R), float64(bg.G), float64(bg.B))
	hi, lo := math.Max(lf, lb), math.Min(lf, lb)
	return (hi + 0.05) / (lo + 0.05)
}

// relLuminance is the WCAG relative luminance of an sRGB colour in 0..255.
func relLuminance(r, g, b float64) float64 {
	lin := func(c float64) float64 {
		c /= 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
