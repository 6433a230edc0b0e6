// Package subsizes makes a picture's sub-sizes the way WordPress makes them
// on upload (wp_create_image_subsizes in wp-admin/includes/image.php), so
// that a client may make them instead of the server (WordPress 7.1's
// /wp/v2/media/ID/sideload): each registered size fitted or cropped as
// image_resize_dimensions (wp-includes/media.php) says, never larger than
// the picture, named NAME-WxH.EXT; the EXIF orientation applied first; and
// above the big-image threshold a NAME-scaled.EXT copy that stands for the
// picture.
package subsizes

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/rwcarlsen/goexif/exif"
	"golang.org/x/image/draw"
)

// Quality is the JPEG quality WordPress's image editors use by default
// (WP_Image_Editor::$default_quality, the wp_editor_set_quality filter).
const Quality = 82

// Size is a registered image size as the REST index lists it in
// image_sizes: the largest width and height in pixels (0: no limit that
// way) and whether the picture is cropped to exactly that.
type Size struct {
	Name   string
	Width  int `json:"width"`
	Height int `json:"height"`
	// Crop is false (fit inside the box), true (crop from the center) or
	// WordPress's [x, y] positions: x one of left, center, right; y one of
	// top, center, bottom.
	Crop Crop `json:"crop"`
}

// Crop is a size's crop setting.
type Crop struct {
	On   bool
	X, Y string // "left"/"center"/"right", "top"/"center"/"bottom"
}

// UnmarshalJSON reads WordPress's crop: a boolean or a list of two
// positions.
func (c *Crop) UnmarshalJSON(b []byte) error {
	var on bool
	if json.Unmarshal(b, &on) == nil {
		*c = Crop{On: on, X: "center", Y: "center"}
		return nil
	}
	var pos []string
	if err := json.Unmarshal(b, &pos); err != nil {
		// 1/0 as PHP may give them.
		var n int
		if json.Unmarshal(b, &n) == nil {
			*c = Crop{On: n != 0, X: "center", Y: "center"}
			return nil
		}
		return fmt.Errorf("crop: want a boolean or two positions, got %s", b)
	}
	*c = Crop{On: true, X: "center", Y: "center"}
	if len(pos) == 2 {
		c.X, c.Y = pos[0], pos[1]
	}
	return nil
}

// Box is where a resize reads from the source and how big it makes the
// result, as image_resize_dimensions returns it.
type Box struct {
	Src        image.Rectangle // the part of the picture used
	DstW, DstH int
}

// Dimensions is WordPress's image_resize_dimensions: the box that makes a
// picture of origW×origH into size destW×destH (0: any), fitted inside it
// or cropped to it. ok is false when WordPress makes no such sub-size: the
// picture is smaller than the size, or already of that size within a pixel.
func Dimensions(origW, origH, destW, destH int, crop Crop) (b Box, ok bool) {
	if origW <= 0 || origH <= 0 || (destW <= 0 && destH <= 0) {
		return b, false
	}
	switch {
	case destH <= 0:
		if origW < destW {
			return b, false
		}
	case destW <= 0:
		if origH < destH {
			return b, false
		}
	default:
		if origW < destW && origH < destH {
			return b, false
		}
	}
	var newW, newH, cropW, cropH, sx, sy int
	if crop.On {
		aspect := float64(origW) / float64(origH)
		newW, newH = min(destW, origW), min(destH, origH)
		if newW <= 0 {
			newW = int(math.Round(float64(newH) * aspect))
		}
		if newH <= 0 {
			newH = int(math.Round(float64(newW) / aspect))
		}
		ratio := max(float64(newW)/float64(origW), float64(newH)/float64(origH))
		cropW = int(math.Round(float64(newW) / ratio))
		cropH = int(math.Round(float64(newH) / ratio))
		switch crop.X {
		case "left":
			sx = 0
		case "right":
			sx = origW - cropW
		default:
			sx = int(math.Floor(float64(origW-cropW) / 2))
		}
		switch crop.Y {
		case "top":
			sy = 0
		case "bottom":
			sy = origH - cropH
		default:
			sy = int(math.Floor(float64(origH-cropH) / 2))
		}
	} else {
		cropW, cropH = origW, origH
		newW, newH = Constrain(origW, origH, destW, destH)
	}
	if abs(newW-origW) <= 1 && abs(newH-origH) <= 1 {
		// wp_fuzzy_number_match: virtually the original (the filter
		// wp_image_resize_identical_dimensions is off by default).
		return b, false
	}
	return Box{Src: image.Rect(sx, sy, sx+cropW, sy+cropH), DstW: newW, DstH: newH}, true
}

// Constrain is WordPress's wp_constrain_dimensions: w×h scaled down to fit
// maxW×maxH (0: no limit), proportions kept, rounded as WordPress rounds.
func Constrain(w, h, maxW, maxH int) (int, int) {
	if maxW <= 0 && maxH <= 0 {
		return w, h
	}
	wr, hr := 1.0, 1.0
	didW, didH := false, false
	if maxW > 0 && w > 0 && w > maxW {
		wr, didW = float64(maxW)/float64(w), true
	}
	if maxH > 0 && h > 0 && h > maxH {
		hr, didH = float64(maxH)/float64(h), true
	}
	smaller, larger := min(wr, hr), max(wr, hr)
	ratio := larger
	if int(math.Round(float64(w)*larger)) > maxW || int(math.Round(float64(h)*larger)) > maxH {
		ratio = smaller
	}
	nw := max(1, int(math.Round(float64(w)*ratio)))
	nh := max(1, int(math.Round(float64(h)*ratio)))
	if didW && nw == maxW-1 {
		nw = maxW
	}
	if didH && nh == maxH-1 {
		nh = maxH
	}
	return nw, nh
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Supported reports whether Make handles pictures of this media type:
// JPEG and PNG, which Go decodes and encodes itself.
func Supported(mime string) bool {
	return mime == "image/jpeg" || mime == "image/png"
}

// File is one file Make made: the end of its name (-300x200, -scaled;
// FileName puts it after the picture's name), the sizes it
// stands for (all of the same dimensions; none for the scaled or rotated
// copy), its pixels and its encoded bytes.
type File struct {
	Suffix        string
	Sizes         []string
	Width, Height int
	MIME          string
	Data          []byte
}

// Result is what a picture needs besides itself: Main, when set, is the
// file that stands for the picture (NAME-scaled.EXT above the threshold,
// else NAME-rotated.EXT for a turned one), with the picture's own file
// kept as its original; Sizes are its sub-sizes.
type Result struct {
	Main  *File
	Sizes []*File
}

// Make makes the files WordPress would make for a picture of this type, for
// these sizes and this big-image threshold (0: none). The EXIF
// orientation of a JPEG is applied first, as wp_create_image_subsizes
// does. An error means the picture cannot be read or written (a damaged
// file): the server should then make them.
func Make(data []byte, mime string, sizes []Size, threshold int) (*Result, error) {
	if !Supported(mime) {
		return nil, fmt.Errorf("no client-side sizes for %s", mime)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	orientation := 1
	if mime == "image/jpeg" {
		orientation = Orientation(data)
	}
	img = Orient(img, orientation)
	ext := ".jpg"
	if mime == "image/png" {
		ext = ".png"
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	_ = ext
	res := &Result{}
	encode := func(m image.Image) ([]byte, error) {
		var buf bytes.Buffer
		var err error
		if mime == "image/png" {
			err = png.Encode(&buf, m)
		} else {
			err = jpeg.Encode(&buf, m, &jpeg.Options{Quality: Quality})
		}
		return buf.Bytes(), err
	}
	// Sources to resample from: the picture, and each full-frame copy made
	// from it. A size is made from the smallest that still has twice its
	// pixels each way (as good as from the picture itself, and several
	// times faster for a photo of many megapixels).
	type source struct {
		img   image.Image
		scale float64 // its width over the picture's
	}
	sources := []source{{img, 1}}
	from := func(b Box) (image.Image, Box) {
		best := sources[0]
		for _, src := range sources[1:] {
			if float64(b.Src.Dx())*src.scale >= 2*float64(b.DstW) && float64(b.Src.Dy())*src.scale >= 2*float64(b.DstH) && src.scale < best.scale {
				best = src
			}
		}
		if best.scale == 1 {
			return best.img, b
		}
		r := func(v int) int { return int(math.Round(float64(v) * best.scale)) }
		sb := image.Rect(r(b.Src.Min.X), r(b.Src.Min.Y), r(b.Src.Max.X), r(b.Src.Max.Y)).Intersect(best.img.Bounds())
		return best.img, Box{Src: sb, DstW: b.DstW, DstH: b.DstH}
	}
	make1 := func(b Box, suffix string, names []string) (*File, error) {
		m := Resample(from(b))
		data, err := encode(m)
		if err != nil {
			return nil, err
		}
		if b.Src == image.Rect(0, 0, w, h) {
			sources = append(sources, source{m, float64(b.DstW) / float64(w)})
		}
		return &File{Suffix: suffix, Sizes: names, Width: b.DstW, Height: b.DstH, MIME: mime, Data: data}, nil
	}
	// The scaled copy: resize to the threshold, then turn (both square:
	// the order does not change the result's dimensions).
	if threshold > 0 && (w > threshold || h > threshold) {
		if b, ok := Dimensions(w, h, threshold, threshold, Crop{}); ok {
			f, err := make1(b, "-scaled", nil)
			if err != nil {
				return nil, err
			}
			res.Main = f
		}
	} else if orientation > 1 {
		data, err := encode(img)
		if err != nil {
			return nil, err
		}
		res.Main = &File{Suffix: "-rotated", Width: w, Height: h, MIME: mime, Data: data}
	}
	// Sub-sizes are named after the picture (the scaled copy is not what
	// they are made from, for WordPress) and made largest first, so that
	// the smaller come from the larger; sizes of the same dimensions share
	// one file, as with WordPress, which writes them to the same name.
	type planned struct {
		box   Box
		file  *File
		names []string
	}
	var plan []*planned
	byDims := map[[2]int]*planned{}
	for _, s := range sizes {
		b, ok := Dimensions(w, h, s.Width, s.Height, s.Crop)
		if !ok {
			continue
		}
		key := [2]int{b.DstW, b.DstH}
		if p := byDims[key]; p != nil {
			p.names = append(p.names, s.Name)
			continue
		}
		p := &planned{box: b, names: []string{s.Name}}
		byDims[key] = p
		plan = append(plan, p)
	}
	bySize := slices.Clone(plan)
	slices.SortStableFunc(bySize, func(a, b *planned) int { return b.box.DstW*b.box.DstH - a.box.DstW*a.box.DstH })
	for _, p := range bySize {
		f, err := make1(p.box, fmt.Sprintf("-%dx%d", p.box.DstW, p.box.DstH), p.names)
		if err != nil {
			return nil, err
		}
		p.file = f
	}
	for _, p := range plan {
		res.Sizes = append(res.Sizes, p.file)
	}
	return res, nil
}

// Resample makes the box of img into a picture of the box's size: halved
// (each pixel the mean of four) while it is at least twice the size each
// way, then Catmull-Rom, as good as GD's and Imagick's resampling for
// downscaling. The halving keeps the resampler's buffers small (they grow
// with the source's height times the result's width).
func Resample(img image.Image, b Box) image.Image {
	src, r := img, b.Src.Add(img.Bounds().Min)
	for r.Dx() >= 2*b.DstW && r.Dy() >= 2*b.DstH && r.Dx() >= 2 && r.Dy() >= 2 {
		src, r = halve(src, r)
	}
	dst := image.NewRGBA(image.Rect(0, 0, b.DstW, b.DstH))
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, r, draw.Src, nil)
	return dst
}

// halve returns the part r of img at half its size, each pixel the mean of
// the four it stands for (an odd last row or column is left out).
func halve(img image.Image, r image.Rectangle) (*image.RGBA, image.Rectangle) {
	w, h := r.Dx()/2, r.Dy()/2
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	var px func(x, y int) (r, g, b, a uint32) // 8 bits each, premultiplied
	switch m := img.(type) {
	case *image.YCbCr:
		px = func(x, y int) (uint32, uint32, uint32, uint32) {
			yi, ci := m.YOffset(x, y), m.COffset(x, y)
			rr, gg, bb := color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
			return uint32(rr), uint32(gg), uint32(bb), 255
		}
	case *image.RGBA:
		px = func(x, y int) (uint32, uint32, uint32, uint32) {
			i := m.PixOffset(x, y)
			return uint32(m.Pix[i]), uint32(m.Pix[i+1]), uint32(m.Pix[i+2]), uint32(m.Pix[i+3])
		}
	default:
		px = func(x, y int) (uint32, uint32, uint32, uint32) {
			rr, gg, bb, aa := img.At(x, y).RGBA()
			return rr >> 8, gg >> 8, bb >> 8, aa >> 8
		}
	}
	for y := range h {
		sy := r.Min.Y + 2*y
		for x := range w {
			sx := r.Min.X + 2*x
			var sr, sg, sb, sa uint32
			for _, d := range [4][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				pr, pg, pb, pa := px(sx+d[0], sy+d[1])
				sr, sg, sb, sa = sr+pr, sg+pg, sb+pb, sa+pa
			}
			i := dst.PixOffset(x, y)
			dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2], dst.Pix[i+3] = uint8((sr+2)/4), uint8((sg+2)/4), uint8((sb+2)/4), uint8((sa+2)/4)
		}
	}
	return dst, dst.Bounds()
}

// Orientation is a JPEG's EXIF orientation (1-8), 1 when it has none.
func Orientation(data []byte) int {
	x, err := exif.Decode(bytes.NewReader(data))
	if err != nil {
		return 1
	}
	tag, err := x.Get(exif.Orientation)
	if err != nil {
		return 1
	}
	o, err := tag.Int(0)
	if err != nil || o < 1 || o > 8 {
		return 1
	}
	return o
}

// Orient turns and mirrors img as EXIF orientation o says it is to be
// shown (o 1: as it is).
func Orient(img image.Image, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	src := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(src, src.Bounds(), img, b.Min, draw.Src)
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			var dx, dy int
			switch o {
			case 2: // mirrored
				dx, dy = w-1-x, y
			case 3: // upside down
				dx, dy = w-1-x, h-1-y
			case 4: // upside down, mirrored
				dx, dy = x, h-1-y
			case 5: // transposed
				dx, dy = y, x
			case 6: // turned 90° clockwise to show
				dx, dy = h-1-y, x
			case 7: // transversed
				dx, dy = h-1-y, w-1-x
			case 8: // turned 90° counter-clockwise to show
				dx, dy = y, w-1-x
			}
			si := src.PixOffset(x, y)
			di := dst.PixOffset(dx, dy)
			copy(dst.Pix[di:di+4], src.Pix[si:si+4])
		}
	}
	return dst
}

// ReadAll reads a file for Make.
func ReadAll(open func() (io.ReadCloser, error)) ([]byte, error) {
	r, err := open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// FileName is the name of a file made for the picture named name (as the
// media library stores it): WP_Image_Editor::generate_filename, the suffix
// before the extension, the extension in lower case.
func FileName(name, suffix string) string {
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + suffix + strings.ToLower(ext)
}
