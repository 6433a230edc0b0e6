package markdown

import (
	"bytes"
	"os"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer/html"
)

// benchInput is all golden inputs joined, about the size of a long post.
func benchInput(b *testing.B) []byte {
	var buf bytes.Buffer
	for _, md := range goldenFiles(b) {
		src, err := os.ReadFile(md)
		if err != nil {
			b.Fatal(err)
		}
		buf.Write(src)
		buf.WriteString("\n\n")
	}
	return buf.Bytes()
}

// BenchmarkRender measures our renderer; compare with BenchmarkGoldmarkPlain
// (target: at least 0.8 of its throughput).
func BenchmarkRender(b *testing.B) {
	src := benchInput(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Render(src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGoldmarkPlain is goldmark with the same extensions and nothing of
// ours, built once like md.
func BenchmarkGoldmarkPlain(b *testing.B) {
	src := benchInput(b)
	gm := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithRendererOptions(html.WithUnsafe()),
	)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		buf.Grow(len(src) + len(src)/4)
		if err := gm.Convert(src, &buf); err != nil {
			b.Fatal(err)
		}
		_ = buf.String()
	}
}
