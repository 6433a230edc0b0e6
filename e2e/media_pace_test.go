package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Picture-heavy folders (issue 27): the uploads run beside the writes,
// each post written once its own pictures are up. What the site ends with
// is what it always was: every picture uploaded once, every post showing
// its pictures, and nothing written again.

// photo is a 400×300 JPEG, distinct per i: big enough for WordPress to
// make its sub-sizes, as it does for a real photograph.
func photo(t *testing.T, i int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	for y := range 300 {
		for x := range 400 {
			img.SetRGBA(x, y, color.RGBA{uint8(i * 37), uint8(x * 255 / 400), uint8(y*255/300) ^ uint8(i*11), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestMediaPace_PictureHeavyFolder(t *testing.T) {
	dir := t.TempDir()
	const n = 10
	shows := map[string][]string{} // post file → pictures it shows
	for i := range 2*n + 1 {
		writeBytes(t, dir, fmt.Sprintf("img/pace-%02d.jpg", i), photo(t, i))
	}
	for i := range n {
		name := fmt.Sprintf("posts/pace-post-%02d.md", i)
		pics := []string{fmt.Sprintf("img/pace-%02d.jpg", 2*i), fmt.Sprintf("img/pace-%02d.jpg", 2*i+1), fmt.Sprintf("img/pace-%02d.jpg", 2*n)} // the last: every post's
		body := fmt.Sprintf("---\ntitle: Pace %d\n---\n![First of %d](../%s)\n\n![Second of %d](../%s)\n\n![Shared](../%s)\n", i, i, pics[0], i, pics[1], pics[2])
		if i > 0 {
			body += fmt.Sprintf("\nThe day before: [post %d](pace-post-%02d.md).\n", i-1, i-1)
		}
		writeFile(t, dir, name, body)
		shows[name] = pics
	}
	writeFile(t, dir, "pace-guide.md", "---\ntitle: Pace guide\ntype: page\n---\n![Cover](img/pace-00.jpg)\n")
	shows["pace-guide.md"] = []string{"img/pace-00.jpg"}
	writeFile(t, dir, "pace-guide/pace-chapter.md", "---\ntitle: Pace chapter\ntype: page\n---\n![Detail](../img/pace-01.jpg)\n\nBack to [the guide](../pace-guide.md).\n")
	shows["pace-guide/pace-chapter.md"] = []string{"img/pace-01.jpg"}

	mark := site.Mark()
	items := syncJSON(t, dir, 0)
	if got := len(uploads(t, mark)); got != 2*n+1 {
		t.Errorf("%d uploads, want %d: each picture once", got, 2*n+1)
	}
	// The address of each picture: the media item holding its bytes.
	var media []wpMedia
	if err := site.GetJSON(context.Background(), "/wp/v2/media", map[string][]string{"context": {"edit"}, "per_page": {"100"}, "search": {"pace-"}}, &media); err != nil {
		t.Fatal(err)
	}
	byBytes := map[string]string{}
	for _, m := range media {
		byBytes[string(fetch(t, m.SourceURL))] = m.SourceURL
	}
	url := func(pic string) string {
		data, err := os.ReadFile(filepath.Join(dir, pic))
		if err != nil {
			t.Fatal(err)
		}
		return byBytes[string(data)]
	}
	for file, pics := range shows {
		it := items[file]
		if it.Action != "create" {
			t.Errorf("%s: %s %s, want create", file, it.Action, it.Error)
			continue
		}
		typ := "posts"
		if it.Type == "page" {
			typ = "pages"
		}
		p := getRich(t, typ, it.ID)
		page := string(fetch(t, it.Link))
		for _, pic := range pics {
			u := url(pic)
			if u == "" {
				t.Errorf("%s: no media item holds the bytes of %s", file, pic)
				continue
			}
			if !strings.Contains(p.Content.Raw, u) {
				t.Errorf("%s does not show %s (%s):\n%s", file, pic, u, p.Content.Raw)
			}
			if !strings.Contains(page, u) {
				t.Errorf("the page at %s does not show %s (%s)", it.Link, pic, u)
			}
		}
	}
	// Links between posts and the page tree are right, written in waves.
	for i := 1; i < n; i++ {
		p := getRich(t, "posts", items[fmt.Sprintf("posts/pace-post-%02d.md", i)].ID)
		if prev := items[fmt.Sprintf("posts/pace-post-%02d.md", i-1)].Link; !strings.Contains(p.Content.Raw, `href="`+prev+`"`) {
			t.Errorf("post %d does not link post %d at %s:\n%s", i, i-1, prev, p.Content.Raw)
		}
	}
	chapter := getRich(t, "pages", items["pace-guide/pace-chapter.md"].ID)
	if chapter.Parent != items["pace-guide.md"].ID {
		t.Errorf("the chapter's parent is %d, want the guide %d", chapter.Parent, items["pace-guide.md"].ID)
	}

	t.Run("a second run writes nothing", func(t *testing.T) {
		secondRunWritesNothing(t, dir, 0)
	})
	t.Run("a run without the state file writes nothing", func(t *testing.T) {
		if err := os.RemoveAll(filepath.Join(dir, ".wpsync")); err != nil {
			t.Fatal(err)
		}
		mark := site.Mark()
		items := syncJSON(t, dir, 0)
		if w := writes(t, mark); len(w) != 0 {
			t.Errorf("a run without the state wrote %v", w)
		}
		for p, it := range items {
			if it.Action != "unchanged" {
				t.Errorf("%s: %s, want unchanged", p, it.Action)
			}
		}
	})
}
