package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"math/rand"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/wpsync/wpsync/internal/wptest"
)

// Picture sizes made by wpsync (issue 27): on WordPress 7.1 served as
// localhost (or over HTTPS) the sideload routes exist, and wpsync makes the
// sub-sizes and the -scaled copy itself; the media items are what WordPress
// makes of the same files, and a photo too big for a small host's PHP
// memory uploads all the same. Before 7.1 nothing changes (the other
// picture tests), and doctor says which path a site gets.

// The tests of the sideload path start sites of their own on WordPress
// 7.1 whatever version the suite runs against (make test installs both):
// the end-to-end tests must never be skipped.

// gradient is a w×h JPEG or PNG with some noise, as a photograph has.
func gradient(t *testing.T, w, h int, seed int64, asPNG bool) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rnd := rand.New(rand.NewSource(seed))
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8(rnd.Intn(60) + int(seed)*30), 255})
		}
	}
	var b bytes.Buffer
	var err error
	if asPNG {
		err = png.Encode(&b, img)
	} else {
		err = jpeg.Encode(&b, img, &jpeg.Options{Quality: 85})
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withOrientation adds an EXIF block with this Orientation tag to a JPEG,
// as a camera held upright writes it.
func withOrientation(data []byte, orientation int) []byte {
	tiff := []byte{'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, byte(orientation), 0, 0, 0, 0, 0, 0, 0}
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := append([]byte{0xFF, 0xE1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}, payload...)
	return append(append(append([]byte{}, data[:2]...), seg...), data[2:]...)
}

// mediaDetails is what a media item says of its files.
type mediaDetails struct {
	Width, Height int
	File          string
	OriginalImage string `json:"original_image"`
	Sizes         map[string]struct {
		Width, Height int
		File          string
	}
}

type mediaItem struct {
	ID           int
	SourceURL    string       `json:"source_url"`
	MediaDetails mediaDetails `json:"media_details"`
}

// syncedMedia is the media item wpsync made for this content (its slug
// is made from the content's hash).
func syncedMedia(t *testing.T, s *wptest.Site, data []byte) mediaItem {
	t.Helper()
	sum := sha256.Sum256(data)
	slug := "wpsync-" + hex.EncodeToString(sum[:])[:20]
	var items []mediaItem
	if err := s.GetJSON(context.Background(), "/wp/v2/media", url.Values{"slug": {slug}, "context": {"edit"}}, &items); err != nil || len(items) != 1 {
		t.Fatalf("media %s: %v %+v", slug, err, items)
	}
	return items[0]
}

// serverUpload uploads a file the ordinary way, WordPress making its
// sizes; it returns the answer's status and item.
func serverUpload(t *testing.T, s *wptest.Site, name string, data []byte, mime string) (int, mediaItem, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.RouteURL("/wp/v2/media", nil), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(s.User, s.Password)
	req.Header.Set("Content-Type", mime)
	req.Header.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	resp, err := (&http.Client{Timeout: 3 * time.Minute}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var m mediaItem
	if resp.StatusCode == http.StatusCreated {
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatalf("upload %s: %v\n%.300s", name, err, body)
		}
	}
	return resp.StatusCode, m, string(body)
}

// sizeSuffix is what a sub-size's file name adds to the picture's own
// name: -300x200.jpg for photo-300x200.jpg of photo.jpg.
func sizeSuffix(d mediaDetails, file string) string {
	orig := d.OriginalImage
	if orig == "" {
		orig = path.Base(d.File)
	}
	base := strings.TrimSuffix(orig, path.Ext(orig))
	if !strings.HasPrefix(file, base+"-") {
		return "(" + file + " not named after " + orig + ")"
	}
	return strings.TrimPrefix(file, base)
}

// sameAsWordPress compares a media item wpsync made with the one WordPress
// made of the same file: the same sizes, named alike, dimensions within a
// pixel, the same full size and original.
func sameAsWordPress(t *testing.T, what string, got, want mediaDetails) {
	t.Helper()
	near := func(a, b int) bool { return a-b <= 1 && b-a <= 1 }
	if !near(got.Width, want.Width) || !near(got.Height, want.Height) {
		t.Errorf("%s: %d×%d, WordPress makes %d×%d", what, got.Width, got.Height, want.Width, want.Height)
	}
	if (got.OriginalImage == "") != (want.OriginalImage == "") {
		t.Errorf("%s: original_image %q, WordPress's %q", what, got.OriginalImage, want.OriginalImage)
	}
	kind := regexp.MustCompile(`-(scaled|rotated)(-\d+)?\.\w+$`)
	if g, w := kind.FindStringSubmatch(got.File), kind.FindStringSubmatch(want.File); (g == nil) != (w == nil) || (g != nil && g[1] != w[1]) {
		t.Errorf("%s: file %s, WordPress's %s", what, got.File, want.File)
	}
	if len(got.Sizes) != len(want.Sizes) {
		t.Errorf("%s: %d sizes, WordPress makes %d:\n got %+v\nwant %+v", what, len(got.Sizes), len(want.Sizes), got.Sizes, want.Sizes)
	}
	for name, w := range want.Sizes {
		g, ok := got.Sizes[name]
		switch {
		case !ok:
			t.Errorf("%s: no size %s (WordPress makes %s)", what, name, w.File)
		case !near(g.Width, w.Width) || !near(g.Height, w.Height):
			t.Errorf("%s: size %s is %d×%d, WordPress makes %d×%d", what, name, g.Width, g.Height, w.Width, w.Height)
		case name != "full" && sizeSuffix(got, g.File) != sizeSuffix(want, w.File):
			t.Errorf("%s: size %s is %s, WordPress names it %s", what, name, g.File, w.File)
		}
	}
}

// shows asserts a picture's address answers with a picture.
func shows(t *testing.T, u string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "image/") {
		t.Errorf("%s: %d %s", u, resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}

func TestSideload_SizesAsWordPressMakesThem(t *testing.T) {
	s := wptest.Start(t, "e2e_sideload", wptest.Options{WordPress: "7.1", Localhost: true})
	if !strings.HasPrefix(s.URL, "http://localhost:") {
		t.Fatalf("site at %s, want http://localhost:PORT", s.URL)
	}
	dir := t.TempDir()
	pictures := []struct {
		name, mime string
		data       []byte
	}{
		{"land.jpg", "image/jpeg", gradient(t, 1200, 800, 1, false)},
		// Stored 800×600, shown 600×800: the camera was turned.
		{"upright.jpg", "image/jpeg", withOrientation(gradient(t, 800, 600, 2, false), 6)},
		// Above the 2,560 px threshold: a -scaled copy.
		{"wide.jpg", "image/jpeg", gradient(t, 3000, 2000, 3, false)},
		{"chart.png", "image/png", gradient(t, 900, 600, 4, true)},
	}
	var body strings.Builder
	body.WriteString("---\ntitle: Sizes by wpsync\n---\n")
	for _, p := range pictures {
		writeBytes(t, dir, "img/"+p.name, p.data)
		fmt.Fprintf(&body, "![%s](img/%s)\n\n", p.name, p.name)
	}
	writeFile(t, dir, "sideload-sizes.md", body.String())

	mark := s.Mark()
	r := wpsync(t, s.Env(), "sync", dir, "--output", "json")
	if rep := r.json(t); r.code != 0 || rep.Summary.Created != 1 {
		t.Fatalf("exit %d %+v\n%s", r.code, rep.Summary, r.stderr)
	}
	if strings.Contains(r.stderr, "WordPress made them") || strings.Contains(r.stderr, "uploaded again") {
		t.Errorf("a picture went the server's way:\n%s", r.stderr)
	}
	reqs, _ := s.RequestsSince(mark)
	counts := map[string]int{}
	for _, q := range reqs {
		switch {
		case q.Method == "POST" && strings.Contains(q.URI, "generate_sub_sizes=false") && q.Status == 201:
			counts["upload"]++
		case q.Method == "POST" && strings.Contains(q.URI, "/sideload") && q.Status == 200:
			counts["sideload"]++
		case q.Method == "POST" && strings.Contains(q.URI, "/finalize") && q.Status == 200:
			counts["finalize"]++
		case q.Method == "POST" && strings.Contains(q.URI, "/wp/v2/media") && !strings.Contains(q.URI, "/wp/v2/media/"):
			t.Errorf("an upload with WordPress making the sizes: %v", q)
		}
	}
	if counts["upload"] != len(pictures) || counts["finalize"] != len(pictures) || counts["sideload"] < 3*len(pictures) {
		t.Errorf("requests %v, want %d uploads without sizes, their sideloads and %d finalizes", counts, len(pictures), len(pictures))
	}

	for i, p := range pictures {
		got := syncedMedia(t, s, p.data)
		status, want, answer := serverUpload(t, s, fmt.Sprintf("ref%d-%s", i, p.name), p.data, p.mime)
		if status != http.StatusCreated {
			t.Fatalf("WordPress's own upload of %s: %d %.300s", p.name, status, answer)
		}
		t.Logf("%s: wpsync's %s, WordPress's %s", p.name, got.MediaDetails.File, want.MediaDetails.File)
		sameAsWordPress(t, p.name, got.MediaDetails, want.MediaDetails)
		shows(t, got.SourceURL)
		for _, sz := range got.MediaDetails.Sizes {
			shows(t, strings.TrimSuffix(got.SourceURL, path.Base(got.SourceURL))+sz.File)
		}
	}
	up := syncedMedia(t, s, pictures[1].data).MediaDetails
	if up.Width != 600 || up.Height != 800 || up.OriginalImage != "upright.jpg" || !strings.HasSuffix(up.File, "/upright-rotated-1.jpg") {
		t.Errorf("upright.jpg: %s %d×%d, original %q; want upright-rotated-1.jpg (the sideload route's name), 600×800 turned, the camera's file kept", up.File, up.Width, up.Height, up.OriginalImage)
	}
	wide := syncedMedia(t, s, pictures[2].data)
	if !strings.HasSuffix(wide.SourceURL, "/wide-scaled.jpg") || wide.MediaDetails.Width != 2560 || wide.MediaDetails.OriginalImage != "wide.jpg" {
		t.Errorf("wide.jpg: %s %d×%d, original %q; want wide-scaled.jpg, 2560 wide, wide.jpg kept", wide.SourceURL, wide.MediaDetails.Width, wide.MediaDetails.Height, wide.MediaDetails.OriginalImage)
	}

	// Nothing is sent again, with or without the state file.
	mark = s.Mark()
	r = wpsync(t, s.Env(), "sync", dir, "--output", "json")
	if rep := r.json(t); r.code != 0 || rep.Summary.Unchanged != 1 {
		t.Errorf("second run: exit %d %+v\n%s", r.code, rep.Summary, r.stderr)
	}
	reqs, _ = s.RequestsSince(mark)
	for _, q := range reqs {
		if q.Method != "GET" && q.Method != "HEAD" && q.Method != "OPTIONS" {
			t.Errorf("second run wrote: %v", q)
		}
	}
	if err := os.Remove(filepath.Join(dir, ".wpsync", "state.json")); err != nil {
		t.Fatal(err)
	}
	mark = s.Mark()
	r = wpsync(t, s.Env(), "sync", dir, "--output", "json")
	if rep := r.json(t); r.code != 0 || rep.Summary.Failed != 0 || rep.Summary.Created != 0 {
		t.Errorf("run without the state file: exit %d %+v\n%s", r.code, rep.Summary, r.stderr)
	}
	reqs, _ = s.RequestsSince(mark)
	for _, q := range reqs {
		if q.Method != "GET" && q.Method != "HEAD" && q.Method != "OPTIONS" {
			t.Errorf("run without the state file wrote: %v", q)
		}
	}

	r = wpsync(t, s.Env(), "doctor", dir)
	if st, text := checkLine(t, r.stdout, "picture sizes"); st != "ok" || !strings.Contains(text, "wpsync makes the picture sizes") || !strings.Contains(text, "localhost") {
		t.Errorf("doctor: %s %s", st, text)
	}
}

// A 6,000×4,000 photo on a host whose PHP has 64 MB: WordPress cannot
// decode it to make its sizes, wpsync makes them and the picture shows.
func TestSideload_BigPhotoOnSmallHost(t *testing.T) {
	s := wptest.Start(t, "e2e_sideload_64m", wptest.Options{WordPress: "7.1", Localhost: true, Memory: "64M"})
	dir := t.TempDir()
	photo := gradient(t, 6000, 4000, 5, false)
	writeBytes(t, dir, "img/huge.jpg", photo)
	writeFile(t, dir, "huge-photo.md", "---\ntitle: A huge photo\n---\n![Mountains](img/huge.jpg)\n")
	r := wpsync(t, s.Env(), "sync", dir, "--output", "json")
	rep := r.json(t)
	if r.code != 0 || rep.Summary.Created != 1 {
		t.Fatalf("exit %d %+v\n%s", r.code, rep.Summary, r.stderr)
	}
	m := syncedMedia(t, s, photo)
	d := m.MediaDetails
	if !strings.HasSuffix(m.SourceURL, "/huge-scaled.jpg") || d.Width != 2560 || d.Height != 1707 || d.OriginalImage != "huge.jpg" {
		t.Errorf("media %s %d×%d original %q; want huge-scaled.jpg 2560×1707 from huge.jpg", m.SourceURL, d.Width, d.Height, d.OriginalImage)
	}
	for _, name := range []string{"thumbnail", "medium", "large", "2048x2048"} {
		if _, ok := d.Sizes[name]; !ok {
			t.Errorf("no %s size: %+v", name, d.Sizes)
		}
	}
	shows(t, m.SourceURL)
	var post struct {
		Content struct{ Rendered string }
	}
	if err := s.GetJSON(context.Background(), fmt.Sprintf("/wp/v2/posts/%d", rep.Items[0].ID), nil, &post); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(post.Content.Rendered, "huge-scaled.jpg") || !strings.Contains(post.Content.Rendered, "huge-1024x683.jpg") {
		t.Errorf("the post does not show the picture with its sizes (srcset):\n%s", post.Content.Rendered)
	}

	// The same file the ordinary way: WordPress runs out of memory
	// decoding it. With PHP's own GD that is a fatal error (500); with a
	// system libgd (Debian's) the decoding fails and the item is left with
	// the 6,000 px file, no -scaled copy and no sizes.
	status, ref, answer := serverUpload(t, s, "huge-server.jpg", photo, "image/jpeg")
	t.Logf("WordPress's own upload on 64 MB: %d, %d sizes, %s", status, len(ref.MediaDetails.Sizes), ref.MediaDetails.File)
	if status == http.StatusCreated && (len(ref.MediaDetails.Sizes) > 0 || ref.MediaDetails.OriginalImage != "") {
		t.Errorf("WordPress made the sizes of a 6000×4000 photo with 64 MB: the test proves nothing: %.300s", answer)
	}
}

// Before 7.1, or on a site neither HTTPS nor localhost, WordPress makes
// the sizes, and doctor says so and why.
func TestSideload_DoctorOnPlainSite(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "doctor-sizes.md", "hello\n")
	r := wpsync(t, nil, "doctor", dir)
	st, text := checkLine(t, r.stdout, "picture sizes")
	if st != "ok" || !strings.Contains(text, "WordPress makes the picture sizes") || !strings.Contains(text, "no /wp/v2/media/ID/sideload route") {
		t.Errorf("doctor on %s (%s): %s %s", site.URL, site.Version, st, text)
	}
	if !strings.HasPrefix(site.Version, "6.") && !strings.Contains(text, "neither HTTPS nor served as localhost") {
		t.Errorf("doctor on 7.1 at %s does not say why: %s", site.URL, text)
	}
}

// A site that refuses the sideloads: the half-made item is deleted, the
// picture uploaded with WordPress making its sizes, and the output says so.
func TestSideload_RefusedFallsBack(t *testing.T) {
	s := wptest.Start(t, "e2e_sideload_refused", wptest.Options{WordPress: "7.1", Localhost: true, MuPlugins: []string{"testdata/plugins/refuse-sideload.php"}})
	dir := t.TempDir()
	pic := gradient(t, 1200, 800, 6, false)
	writeBytes(t, dir, "img/refused.jpg", pic)
	writeFile(t, dir, "refused-sizes.md", "---\ntitle: Refused sizes\n---\n![A field](img/refused.jpg)\n")
	r := wpsync(t, s.Env(), "sync", dir)
	if r.code != 0 || !strings.Contains(r.stdout+r.stderr, "created 1") {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if out := r.stdout + r.stderr; !strings.Contains(out, "refused.jpg: sending the sizes wpsync made failed") || !strings.Contains(out, "uploaded again with WordPress making them") {
		t.Errorf("the output does not say the picture went the server's way:\n%s\n%s", r.stdout, r.stderr)
	}
	var all []mediaItem
	if err := s.GetJSON(context.Background(), "/wp/v2/media", url.Values{"context": {"edit"}}, &all); err != nil {
		t.Fatal(err)
	}
	if len(all) != 1 {
		t.Fatalf("%d media items, want the one (no half item left): %+v", len(all), all)
	}
	if d := all[0].MediaDetails; len(d.Sizes) < 4 || d.Sizes["medium"].File != "refused-300x200.jpg" {
		t.Errorf("the item has not WordPress's sizes: %+v", d.Sizes)
	}
	shows(t, all[0].SourceURL)
}
