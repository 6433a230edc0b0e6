package e2e

import (
	"bytes"
	"context"
	bin "encoding/binary"
	"encoding/json"
	"fmt"
	"image/color"
	"os/exec"
	"strings"
	"testing"
)

// TestHosts_PHPExtensions: the test WordPress runs on a PHP with the
// extensions WordPress's Site Health recommends and real hosts have, so
// that what needs them (XMP metadata read with DOMDocument, …) is tested.
// The site is served by the php on PATH (scripts/wordpress.sh).
func TestHosts_PHPExtensions(t *testing.T) {
	want := []string{"dom", "xml", "mbstring", "intl", "curl", "zip", "gd", "exif", "mysqli"}
	out, err := exec.Command("php", "-r", `foreach (explode(" ", $argv[1]) as $e) { if (!extension_loaded($e)) echo "$e\n"; }`, strings.Join(want, " ")).CombinedOutput()
	if err != nil {
		t.Fatalf("php: %v\n%s", err, out)
	}
	if missing := strings.Fields(string(out)); len(missing) > 0 {
		t.Errorf("PHP lacks %v: run scripts/wordpress.sh install", missing)
	}
}

// withXMP returns a JPEG with an XMP packet (an APP1 segment right after
// the SOI marker, as cameras and editors write it) holding a title, a
// description and the accessibility alt text that WordPress 7 reads with
// DOMDocument.
func withXMP(t *testing.T, jpg []byte) []byte {
	t.Helper()
	if !bytes.HasPrefix(jpg, []byte{0xFF, 0xD8}) {
		t.Fatal("not a JPEG")
	}
	xmp := `<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Harbour</rdf:li></rdf:Alt></dc:title>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Boats at dusk</rdf:li></rdf:Alt></dc:description>
<Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="x-default">Three boats in a harbour at dusk</rdf:li></rdf:Alt></Iptc4xmpCore:AltTextAccessibility>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`
	payload := append([]byte("http://ns.adobe.com/xap/1.0/\x00"), xmp...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	bin.BigEndian.PutUint16(seg[2:], uint16(2+len(payload)))
	out := append([]byte{0xFF, 0xD8}, seg...)
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

// TestHosts_JPEGWithXMPUploads: a picture carrying XMP metadata, as most
// cameras and editors write them, is uploaded and used like any other.
func TestHosts_JPEGWithXMPUploads(t *testing.T) {
	dir := t.TempDir()
	jpg := withXMP(t, jpegBytes(t, color.RGBA{20, 40, 200, 255}))
	if !bytes.Contains(jpg, []byte("AltTextAccessibility")) {
		t.Fatal("no XMP in the test picture")
	}
	writeBytes(t, dir, "h-xmp/boats.jpg", jpg)
	writeFile(t, dir, "h-xmp/index.md", "---\ntitle: XMP\n---\n![Boats](boats.jpg)\n")
	mark := site.Mark()
	items := syncJSON(t, dir, 0)
	if n := len(uploads(t, mark)); n != 1 {
		t.Fatalf("%d uploads, want 1", n)
	}
	p := getPost(t, "posts", items["h-xmp/index.md"].ID)
	var media []wpMedia
	if err := site.GetJSON(context.Background(), "/wp/v2/media", map[string][]string{"context": {"edit"}, "parent": {fmt.Sprint(p.ID)}}, &media); err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, m := range media {
		if bytes.Equal(fetch(t, m.SourceURL), jpg) {
			found = true
			if !strings.Contains(p.Content.Raw, m.SourceURL) {
				t.Errorf("the post does not show the picture %s:\n%s", m.SourceURL, p.Content.Raw)
			}
		}
	}
	if !found {
		// Not attached to the post: look through the library.
		if err := site.GetJSON(context.Background(), "/wp/v2/media", map[string][]string{"context": {"edit"}, "per_page": {"100"}, "media_type": {"image"}}, &media); err != nil {
			t.Fatal(err)
		}
		for _, m := range media {
			if bytes.Equal(fetch(t, m.SourceURL), jpg) && strings.Contains(p.Content.Raw, m.SourceURL) {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("no media item holds the picture with its XMP metadata, shown by the post")
	}
}

// TestRoles_AuthorPageFailsNamingCapability: an Author may publish posts
// but not pages. The page file fails with an error that names it and the
// capability, and no request for it is sent; the post is published.
func TestRoles_AuthorPageFailsNamingCapability(t *testing.T) {
	ctx := context.Background()
	var user struct{ ID int }
	if err := site.PostJSON(ctx, "/wp/v2/users", map[string]any{
		"username": "roles-author", "email": "roles-author@example.test", "password": "a-long-login-password-2", "roles": []string{"author"},
	}, &user); err != nil {
		t.Fatal(err)
	}
	var app struct{ Password string }
	if err := site.PostJSON(ctx, fmt.Sprintf("/wp/v2/users/%d/application-passwords", user.ID), map[string]any{"name": "wpsync"}, &app); err != nil {
		t.Fatal(err)
	}
	env := []string{"WPSYNC_USER=roles-author", "WPSYNC_APP_PASSWORD=" + app.Password}
	dir := t.TempDir()
	writeFile(t, dir, "r-about.md", "---\ntype: page\ntitle: About\n---\nAbout us.\n")
	writeFile(t, dir, "r-news.md", "---\ntitle: News\n---\nNews.\n")
	mark := site.Mark()
	r := wpsync(t, env, "sync", dir, "--output", "json")
	if strings.Contains(r.stdout+r.stderr, app.Password) {
		t.Fatal("the author's application password reached the output")
	}
	var rep struct{ Items []reportItem }
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || r.code != 1 {
		t.Fatalf("exit %d (want 1), %v\n%s\n%s", r.code, err, r.stdout, r.stderr)
	}
	for _, it := range rep.Items {
		switch it.Path {
		case "r-about.md":
			if it.Action != "error" || !strings.Contains(it.Error, "r-about.md") || !strings.Contains(it.Error, "edit_pages") {
				t.Errorf("page: %s %q; want an error naming the file and edit_pages", it.Action, it.Error)
			}
		case "r-news.md":
			if it.Action != "create" {
				t.Errorf("post: %s %q; want it created", it.Action, it.Error)
			}
		default:
			t.Errorf("unexpected item %+v", it)
		}
	}
	reqs, err := site.RequestsSince(mark)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range reqs {
		if strings.Contains(q.URI, "/pages") || strings.Contains(q.URI, "about") {
			t.Errorf("a request for the page the user may not write: %s", q)
		}
	}
}
