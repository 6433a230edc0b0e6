package main

import (
	"fmt"
	"io"
	"strings"
	gosync "sync"
	"time"
)

// progressBar draws "[████░░░░] 12/40 files  3.1/s  ETA 9s" on one line of
// a terminal, redrawn in place. Lines printed to the same terminal must go
// between clear and advance (syncPrinter does that), so the bar always
// stays below them. A ticker redraws it while a slow request keeps the
// count still, so that the time and rate stay true.
type progressBar struct {
	w     io.Writer
	total int
	color bool
	width int
	now   func() time.Time // tests replace it

	mu      gosync.Mutex
	done    int
	begun   time.Time
	shown   bool
	stopped bool
	quit    chan struct{}
	wg      gosync.WaitGroup
}

// refreshEvery is how often the ticker redraws: often enough that the time
// moves, rarely enough to cost nothing.
const refreshEvery = 250 * time.Millisecond

func newProgressBar(w io.Writer, total int, color bool) *progressBar {
	return &progressBar{w: w, total: total, color: color, width: termWidth(w), now: time.Now}
}

// start draws the bar and starts the ticker.
func (b *progressBar) start() {
	b.mu.Lock()
	b.begun = b.now()
	b.draw()
	b.quit = make(chan struct{})
	b.mu.Unlock()
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		t := time.NewTicker(refreshEvery)
		defer t.Stop()
		for {
			select {
			case <-b.quit:
				return
			case <-t.C:
				b.mu.Lock()
				if b.shown {
					b.draw()
				}
				b.mu.Unlock()
			}
		}
	}()
}

// clear takes the bar off its line, so that a line can be printed there.
func (b *progressBar) clear() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.shown {
		io.WriteString(b.w, "\r\x1b[K")
		b.shown = false
	}
}

// advance counts one more file done and draws the bar again.
func (b *progressBar) advance() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.done++
	if b.done > b.total {
		b.total = b.done // files the scan did not count (orphans)
	}
	if !b.stopped {
		b.draw()
	}
}

// stop ends the ticker and clears the bar for good.
func (b *progressBar) stop() {
	b.mu.Lock()
	if b.stopped {
		b.mu.Unlock()
		return
	}
	b.stopped = true
	quit := b.quit
	b.mu.Unlock()
	if quit != nil {
		close(quit)
		b.wg.Wait()
	}
	b.clear()
}

// draw writes the bar; b.mu is held.
func (b *progressBar) draw() {
	io.WriteString(b.w, "\r"+b.render()+"\x1b[K")
	b.shown = true
}

// render is the bar's text, fitted to the terminal's width.
func (b *progressBar) render() string {
	elapsed := b.now().Sub(b.begun)
	stats := fmt.Sprintf(" %d/%d files", b.done, b.total)
	if b.done > 0 && elapsed >= time.Second {
		rate := float64(b.done) / elapsed.Seconds()
		stats += fmt.Sprintf("  %.1f/s", rate)
		if left := b.total - b.done; left > 0 {
			stats += "  ETA " + shortDuration(time.Duration(float64(left)/rate*float64(time.Second)))
		}
	}
	stats += "  " + shortDuration(elapsed)
	cells := b.width - len([]rune(stats)) - 3
	if cells > 40 {
		cells = 40
	}
	if cells < 5 {
		// No room for a bar; a line longer than the terminal would wrap
		// and break the redraw in place.
		r := []rune(strings.TrimSpace(stats))
		if len(r) > b.width-1 {
			r = r[:b.width-1]
		}
		return string(r)
	}
	full := 0
	if b.total > 0 {
		full = cells * b.done / b.total
	}
	bar := strings.Repeat("█", full)
	rest := strings.Repeat("░", cells-full)
	if b.color {
		bar = "\x1b[32m" + bar + "\x1b[0m"
		rest = "\x1b[2m" + rest + "\x1b[0m"
	}
	return "[" + bar + rest + "]" + stats
}

// shortDuration: 9s, 1m05s, 2h03m.
func shortDuration(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s < 3600:
		return fmt.Sprintf("%dm%02ds", s/60, s%60)
	}
	return fmt.Sprintf("%dh%02dm", s/3600, s%3600/60)
}
