package markdown

import (
	"strings"
	"testing"
)

func TestIsMediaPath(t *testing.T) {
	for _, tt := range []struct {
		path                     string
		markdown, media, picture bool
	}{
		{path: "a.md", markdown: true},
		{path: "a/B.Markdown", markdown: true},
		{path: "img/x.PNG", media: true, picture: true},
		{path: "x.svg", media: true, picture: true},
		{path: "files/report.docx", media: true},
		{path: "data.csv", media: true},
		{path: "notes.txt", media: true},
		{path: "clip.mkv", media: true},
		{path: "page.html"},
		{path: "feed.xml"},
		{path: "style.css"},
		{path: "Makefile"},
	} {
		t.Run(tt.path, func(t *testing.T) {
			if got := IsMarkdownPath(tt.path); got != tt.markdown {
				t.Errorf("IsMarkdownPath = %v, want %v", got, tt.markdown)
			}
			if got := IsMediaPath(tt.path); got != tt.media {
				t.Errorf("IsMediaPath = %v, want %v", got, tt.media)
			}
			if got := IsPicturePath(tt.path); got != tt.picture {
				t.Errorf("IsPicturePath = %v, want %v", got, tt.picture)
			}
		})
	}
}

func TestMediaType(t *testing.T) {
	for p, want := range map[string]string{
		"img/x.PNG":         "image/png",
		"a.jpeg":            "image/jpeg",
		"files/report.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"song.m4a":          "audio/mpeg", // WordPress's, not the system's audio/mp4
		"x.svg":             "image/svg+xml",
		"page.html":         "",
		"Makefile":          "",
	} {
		if got := MediaType(p); got != want {
			t.Errorf("MediaType(%q) = %q, want %q", p, got, want)
		}
	}
	for ext, mt := range mediaExts {
		if !strings.Contains(mt.mime, "/") {
			t.Errorf("%s: no media type (%q)", ext, mt.mime)
		}
	}
}
