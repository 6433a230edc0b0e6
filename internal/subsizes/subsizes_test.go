package subsizes

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
)

// WordPress's default sizes as the REST index of 7.1 lists them.
const defaultSizes = `{"thumbnail":{"width":150,"height":150,"crop":true},"medium":{"width":300,"height":300,"crop":false},"medium_large":{"width":768,"height":0,"crop":false},"large":{"width":1024,"height":1024,"crop":false},"1536x1536":{"width":1536,"height":1536,"crop":false},"2048x2048":{"width":2048,"height":2048,"crop":false}}`

func sizes(t *testing.T) []Size {
	var m map[string]Size
	if err := json.Unmarshal([]byte(defaultSizes), &m); err != nil {
		t.Fatal(err)
	}
	var out []Size
	for _, n := range []string{"medium", "large", "thumbnail", "medium_large", "1536x1536", "2048x2048"} {
		s := m[n]
		s.Name = n
		out = append(out, s)
	}
	return out
}

// Values worked out by hand from image_resize_dimensions and
// wp_constrain_dimensions (wp-includes/media.php).
func TestDimensions(t *testing.T) {
	center := Crop{On: true, X: "center", Y: "center"}
	for _, tt := range []struct {
		w, h, dw, dh int
		crop         Crop
		ok           bool
		want         Box
	}{
		{1200, 800, 150, 150, center, true, Box{image.Rect(200, 0, 1000, 800), 150, 150}},
		{1200, 800, 300, 300, Crop{}, true, Box{image.Rect(0, 0, 1200, 800), 300, 200}},
		{1200, 800, 768, 0, Crop{}, true, Box{image.Rect(0, 0, 1200, 800), 768, 512}},
		{1200, 800, 1024, 1024, Crop{}, true, Box{image.Rect(0, 0, 1200, 800), 1024, 683}},
		{1200, 800, 1536, 1536, Crop{}, false, Box{}}, // no upscaling
		{1024, 683, 1024, 1024, Crop{}, false, Box{}}, // already that size
		{1000, 100, 150, 150, center, true, Box{image.Rect(425, 0, 575, 100), 150, 100}},
		{6000, 4000, 2560, 2560, Crop{}, true, Box{image.Rect(0, 0, 6000, 4000), 2560, 1707}},
		{1200, 800, 150, 150, Crop{On: true, X: "left", Y: "top"}, true, Box{image.Rect(0, 0, 800, 800), 150, 150}},
	} {
		got, ok := Dimensions(tt.w, tt.h, tt.dw, tt.dh, tt.crop)
		if ok != tt.ok || got != tt.want {
			t.Errorf("Dimensions(%d, %d, %d, %d, %+v) = %+v, %v; want %+v, %v", tt.w, tt.h, tt.dw, tt.dh, tt.crop, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCropJSON(t *testing.T) {
	var s Size
	if err := json.Unmarshal([]byte(`{"width":100,"height":50,"crop":["left","bottom"]}`), &s); err != nil || s.Crop != (Crop{On: true, X: "left", Y: "bottom"}) {
		t.Errorf("crop list: %+v %v", s.Crop, err)
	}
	if err := json.Unmarshal([]byte(`{"crop":false}`), &s); err != nil || s.Crop.On {
		t.Errorf("crop false: %+v %v", s.Crop, err)
	}
}

// exifJPEG is a w×h JPEG whose left half is red, with an EXIF
// Orientation tag.
func exifJPEG(t *testing.T, w, h, orientation int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{0, 0, 255, 255}
			if x < w/2 {
				c = color.RGBA{255, 0, 0, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	// APP1 Exif, little-endian TIFF, one IFD entry: Orientation (0x0112), SHORT.
	tiff := []byte{'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, byte(orientation), 0, 0, 0, 0, 0, 0, 0}
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := append([]byte{0xFF, 0xE1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}, payload...)
	data := b.Bytes()
	return append(append(append([]byte{}, data[:2]...), seg...), data[2:]...)
}

func TestMake_Orientation(t *testing.T) {
	data := exifJPEG(t, 800, 600, 6)
	if o := Orientation(data); o != 6 {
		t.Fatalf("orientation %d, want 6", o)
	}
	res, err := Make(data, "image/jpeg", sizes(t), 2560)
	if err != nil {
		t.Fatal(err)
	}
	// Turned: 600×800, kept as -rotated; medium fits 300×300: 225×300.
	if res.Main == nil || res.Main.Suffix != "-rotated" || res.Main.Width != 600 || res.Main.Height != 800 {
		t.Fatalf("main %+v", res.Main)
	}
	got := map[string]string{}
	for _, f := range res.Sizes {
		for _, n := range f.Sizes {
			got[n] = f.Suffix
		}
		img, err := jpeg.Decode(bytes.NewReader(f.Data))
		if err != nil || img.Bounds().Dx() != f.Width || img.Bounds().Dy() != f.Height {
			t.Errorf("%s: %v %v", f.Suffix, img.Bounds(), err)
		}
	}
	// medium_large (768 wide) and large (1024×1024) are not made: the
	// picture is smaller, or already within them.
	want := map[string]string{"medium": "-225x300", "thumbnail": "-150x150"}
	if len(got) != len(want) || got["medium"] != want["medium"] || got["thumbnail"] != want["thumbnail"] {
		t.Errorf("sizes %v, want %v", got, want)
	}
	// Turned clockwise: the red left half is now on top.
	img, _ := jpeg.Decode(bytes.NewReader(res.Main.Data))
	if r, _, b, _ := img.At(300, 100).RGBA(); r < b {
		t.Errorf("top of the turned picture is not red: r %d b %d", r, b)
	}
}

func TestMake_Scaled(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 3000, 2000))
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	res, err := Make(b.Bytes(), "image/jpeg", sizes(t), 2560)
	if err != nil {
		t.Fatal(err)
	}
	if res.Main == nil || res.Main.Suffix != "-scaled" || res.Main.Width != 2560 || res.Main.Height != 1707 {
		t.Fatalf("main %+v", res.Main)
	}
	var names []string
	for _, f := range res.Sizes {
		names = append(names, f.Suffix)
	}
	want := []string{"-300x200", "-1024x683", "-150x150", "-768x512", "-1536x1024", "-2048x1365"}
	if len(names) != len(want) {
		t.Fatalf("sizes %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("sizes %v, want %v", names, want)
			break
		}
	}
	if FileName("Photo-1.JPG", "-scaled") != "Photo-1-scaled.jpg" {
		t.Errorf("FileName: %s", FileName("Photo-1.JPG", "-scaled"))
	}
}

// Halving then resampling gives the picture's colours where they are
// even, and its edges where they are.
func TestResample_Halves(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 1000, 600))
	for y := range 600 {
		for x := range 1000 {
			c := color.RGBA{200, 40, 10, 255}
			if x >= 500 {
				c = color.RGBA{10, 40, 200, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	src, _ := jpeg.Decode(bytes.NewReader(b.Bytes())) // a *image.YCbCr, as photos are
	out := Resample(src, Box{Src: image.Rect(0, 0, 1000, 600), DstW: 100, DstH: 60})
	if out.Bounds() != image.Rect(0, 0, 100, 60) {
		t.Fatalf("bounds %v", out.Bounds())
	}
	near := func(a uint32, want uint8) bool { d := int(a>>8) - int(want); return d >= -12 && d <= 12 }
	if r, g, bl, _ := out.At(20, 30).RGBA(); !near(r, 200) || !near(g, 40) || !near(bl, 10) {
		t.Errorf("left half %d %d %d, want about 200 40 10", r>>8, g>>8, bl>>8)
	}
	if r, g, bl, _ := out.At(80, 30).RGBA(); !near(r, 10) || !near(g, 40) || !near(bl, 200) {
		t.Errorf("right half %d %d %d, want about 10 40 200", r>>8, g>>8, bl>>8)
	}
}
