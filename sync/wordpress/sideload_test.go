package wordpress

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	gosync "sync"
	"testing"

	wpsync "github.com/wpsync/wpsync/sync"
)

// sideloadSite is a WordPress 7.1 whose sideload and finalize routes
// answer as class-wp-rest-attachments-controller.php does, or fail the
// sideload when failSideload is set. It logs each request.
type sideloadSite struct {
	mu           gosync.Mutex
	log          []string
	failSideload bool
	loseUpload   bool // the item is made, its answer lost (502)
	finalized    []map[string]any
	nextID       int
}

func (s *sideloadSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	line := r.Method + " " + r.URL.Path
	if d := r.Header.Get("Content-Disposition"); d != "" {
		line += " " + d
	}
	if q := r.URL.Query(); q.Get("image_size") != "" || len(q["image_size[]"]) > 0 {
		line += " size=" + strings.Join(append(q["image_size"], q["image_size[]"]...), ",")
	}
	if r.URL.Query().Get("generate_sub_sizes") == "false" {
		line += " no-sizes"
	}
	s.log = append(s.log, line)
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/wp-json/":
		io.WriteString(w, `{"namespaces":["wp/v2"],"image_sizes":{"thumbnail":{"width":150,"height":150,"crop":true},"medium":{"width":300,"height":300,"crop":false}},"image_size_threshold":2560}`)
	case r.Method == http.MethodOptions:
		io.WriteString(w, `{"namespace":"wp/v2","methods":["POST"],"endpoints":[{"methods":["POST"]}]}`)
	case r.Method == http.MethodGet && r.URL.Path == "/wp-json/wp/v2/media":
		if s.nextID == 0 || r.URL.Query().Get("slug") != "wpsync-abc" {
			io.WriteString(w, `[]`)
			return
		}
		fmt.Fprintf(w, `[{"id":%d,"source_url":"http://x/wp-content/uploads/2026/12/photo.jpg","media_details":{"file":"2026/12/photo.jpg"}}]`, s.nextID)
	case r.Method == http.MethodPost && r.URL.Path == "/wp-json/wp/v2/media":
		s.nextID++
		if s.loseUpload {
			w.WriteHeader(502)
			io.WriteString(w, `<html>Bad Gateway</html>`)
			return
		}
		fmt.Fprintf(w, `{"id":%d,"source_url":"http://x/wp-content/uploads/2026/12/photo.jpg","media_details":{"file":"2026/12/photo.jpg"}}`, s.nextID)
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/sideload"):
		if s.failSideload {
			w.WriteHeader(500)
			io.WriteString(w, `{"code":"rest_upload_unknown_error","message":"no room","data":{"status":500}}`)
			return
		}
		size := r.URL.Query().Get("image_size")
		fmt.Fprintf(w, `{"image_size":%q,"file":"x.jpg","width":1,"height":1}`, size)
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/finalize"):
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		s.finalized = append(s.finalized, body)
		io.WriteString(w, `{"id":1,"source_url":"http://x/wp-content/uploads/2026/12/photo-scaled.jpg"}`)
	case r.Method == http.MethodDelete:
		io.WriteString(w, `{"deleted":true}`)
	default:
		w.WriteHeader(404)
		io.WriteString(w, `{"code":"rest_no_route","message":"no","data":{"status":404}}`)
	}
}

func jpegFile(t *testing.T, w, h int) *wpsync.MediaFile {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewRGBA(image.Rect(0, 0, w, h)), nil); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	return &wpsync.MediaFile{Name: "Photo.JPG", MIME: "image/jpeg", Size: int64(len(data)),
		Open: func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(data)), nil }}
}

func TestUpload_SizesThroughSideload(t *testing.T) {
	site := &sideloadSite{}
	srv := httptest.NewServer(http.HandlerFunc(site.serve))
	defer srv.Close()
	c := limitedClient(t, srv)
	c.CallTimeout, c.IdleTimeout = 0, 0
	m, err := c.Upload(context.Background(), jpegFile(t, 3000, 2000))
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != 1 || !strings.HasSuffix(m.URL, "photo-scaled.jpg") {
		t.Errorf("Upload = %+v, want item 1 at the -scaled address finalize gave", m)
	}
	got := strings.Join(site.log, "\n")
	// Named after the stored file (photo.jpg), medium first, the
	// scaled copy last, then finalize with what the sideloads answered.
	for _, want := range []string{
		`POST /wp-json/wp/v2/media attachment; filename="Photo.JPG" no-sizes`,
		`POST /wp-json/wp/v2/media/1/sideload attachment; filename="photo-300x200.jpg" size=medium`,
		`POST /wp-json/wp/v2/media/1/sideload attachment; filename="photo-150x150.jpg" size=thumbnail`,
		`POST /wp-json/wp/v2/media/1/sideload attachment; filename="photo-scaled.jpg" size=scaled` + "\nPOST /wp-json/wp/v2/media/1/finalize",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in the requests:\n%s", want, got)
		}
	}
	if len(site.finalized) != 1 || len(site.finalized[0]["sub_sizes"].([]any)) != 3 {
		t.Errorf("finalize got %v, want the 3 sideload answers", site.finalized)
	}
	if w := c.Warnings(); len(w) != 0 {
		t.Errorf("warnings %v", w)
	}
}

// A sideload that fails leaves no half item: it is deleted, the file
// uploaded the ordinary way, and the run's warnings say so.
func TestUpload_SideloadFailsFallsBack(t *testing.T) {
	site := &sideloadSite{failSideload: true}
	srv := httptest.NewServer(http.HandlerFunc(site.serve))
	defer srv.Close()
	c := limitedClient(t, srv)
	c.CallTimeout, c.IdleTimeout = 0, 0
	m, err := c.Upload(context.Background(), jpegFile(t, 400, 300))
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != 2 {
		t.Errorf("Upload = %+v, want the second upload's item", m)
	}
	got := strings.Join(site.log, "\n")
	want := `POST /wp-json/wp/v2/media/1/sideload attachment; filename="photo-300x225.jpg" size=medium
DELETE /wp-json/wp/v2/media/1
POST /wp-json/wp/v2/media attachment; filename="Photo.JPG"`
	if !strings.Contains(got, want) || strings.Contains(got, "POST /wp-json/wp/v2/media/1/finalize") {
		t.Errorf("requests:\n%s\nwant:\n%s", got, want)
	}
	w := c.Warnings()
	if len(w) != 1 || !strings.Contains(w[0], "Photo.JPG") || !strings.Contains(w[0], "uploaded again with WordPress making them") {
		t.Errorf("warnings %q", w)
	}
}

// A site without the routes (before 7.1, or plain HTTP elsewhere than
// localhost) gets the ordinary upload.
func TestUpload_NoSideloadRoute(t *testing.T) {
	site := &sideloadSite{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			io.WriteString(w, `[]`) // WordPress's answer for no such route
			return
		}
		if r.Method == http.MethodGet {
			io.WriteString(w, `{"namespaces":["wp/v2"]}`)
			return
		}
		site.serve(w, r)
	}))
	defer srv.Close()
	c := limitedClient(t, srv)
	c.CallTimeout, c.IdleTimeout = 0, 0
	if _, err := c.Upload(context.Background(), jpegFile(t, 400, 300)); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(site.log, "\n"); got != `POST /wp-json/wp/v2/media attachment; filename="Photo.JPG"` {
		t.Errorf("requests:\n%s", got)
	}
	p, _ := c.MediaPath(context.Background())
	if p.Client || !strings.Contains(p.Why, "neither HTTPS nor served as localhost") {
		t.Errorf("MediaPath = %+v", p)
	}
}

// An upload whose answer is lost but whose item the site made gets its
// sizes all the same: it is found by its slug, not left without them.
func TestUpload_LostAnswerGetsSizes(t *testing.T) {
	site := &sideloadSite{loseUpload: true}
	srv := httptest.NewServer(http.HandlerFunc(site.serve))
	defer srv.Close()
	c := limitedClient(t, srv)
	c.CallTimeout, c.IdleTimeout = 0, 0
	f := jpegFile(t, 400, 300)
	f.Slug = "wpsync-abc"
	m, err := c.Upload(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(site.log, "\n")
	if m.ID != 1 || !strings.Contains(got, "GET /wp-json/wp/v2/media\nPOST /wp-json/wp/v2/media/1/sideload") || !strings.Contains(got, "POST /wp-json/wp/v2/media/1/finalize") {
		t.Errorf("Upload = %+v; requests:\n%s", m, got)
	}
}
