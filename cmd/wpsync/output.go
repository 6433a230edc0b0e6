package main

// Presentation: what a terminal gets (colour, a progress bar) and what a
// pipe, a log file or CI gets (plain, stable lines; JSON; GitHub Actions
// workflow commands).

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	gosync "sync"
	"time"

	"golang.org/x/term"

	wpsync "github.com/wpsync/wpsync/sync"
	"github.com/wpsync/wpsync/sync/wordpress"
)

// ttys says which of the streams are terminals.
type ttys struct{ In, Out, Err bool }

// terminals reports which streams are terminals: those set in s.TTY (tests),
// else those that are an *os.File on a terminal.
func (s ioStreams) terminals() ttys {
	if s.TTY != nil {
		return *s.TTY
	}
	return ttys{In: isTerminal(s.In), Out: isTerminal(s.Out), Err: isTerminal(s.Err)}
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// termWidth is the width of the terminal behind w, 80 when unknown.
func termWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok {
		if width, _, err := term.GetSize(int(f.Fd())); err == nil && width > 20 {
			return width
		}
	}
	return 80
}

// useColor: colour only on a terminal, and not when NO_COLOR is set to
// anything (https://no-color.org) or TERM is dumb.
func useColor(tty bool, getenv func(string) string) bool {
	return tty && getenv("NO_COLOR") == "" && getenv("TERM") != "dumb"
}

// palette paints text with ANSI colours, or leaves it alone when off.
type palette struct{ on bool }

func (p palette) paint(code, s string) string {
	if !p.on || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p palette) red(s string) string     { return p.paint("31", s) }
func (p palette) green(s string) string   { return p.paint("32", s) }
func (p palette) yellow(s string) string  { return p.paint("33", s) }
func (p palette) magenta(s string) string { return p.paint("35", s) }
func (p palette) cyan(s string) string    { return p.paint("36", s) }
func (p palette) dim(s string) string     { return p.paint("2", s) }
func (p palette) bold(s string) string    { return p.paint("1", s) }

// checkOutput validates an --output value.
func checkOutput(got string, valid ...string) error {
	for _, v := range valid {
		if got == v {
			return nil
		}
	}
	return &usageError{fmt.Errorf("--output %q: want %s", got, orList(valid))}
}

func orList(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

var pastTense = map[wpsync.Action]string{
	wpsync.ActionCreate: "created", wpsync.ActionUpdate: "updated",
	wpsync.ActionUnchanged: "unchanged", wpsync.ActionError: "error",
	wpsync.ActionConflict: "conflict", wpsync.ActionOrphan: "orphan",
	wpsync.ActionTrashed: "trashed", wpsync.ActionSkipped: "skipped",
	wpsync.ActionNotReached: "not reached",
}

// colorOf paints an action's word.
func colorOf(a wpsync.Action, p palette) func(string) string {
	switch a {
	case wpsync.ActionCreate, wpsync.ActionUpdate, wpsync.ActionTrashed:
		return p.green
	case wpsync.ActionError:
		return p.red
	case wpsync.ActionConflict:
		return p.yellow
	case wpsync.ActionOrphan:
		return p.magenta
	case wpsync.ActionUnchanged, wpsync.ActionSkipped, wpsync.ActionNotReached:
		return p.dim
	}
	return func(s string) string { return s }
}

// writeItem writes one line a file, what happened, the file, the post,
// in colour when p is on, and a line for each of its warnings.
func writeItem(w io.Writer, it wpsync.Item, dryRun bool, p palette) {
	verb, ok := pastTense[it.Action]
	if !ok {
		verb = string(it.Action)
	}
	if dryRun && (it.Action == wpsync.ActionCreate || it.Action == wpsync.ActionUpdate) {
		verb = "would " + string(it.Action)
	}
	if it.Adopted {
		verb += " (adopted)"
	}
	if it.MovedFrom != "" {
		verb += " (moved)"
	}
	col := colorOf(it.Action, p)
	verb = col(fmt.Sprintf("%-16s", verb))
	if it.Action == wpsync.ActionError || it.Action == wpsync.ActionConflict {
		fmt.Fprintf(w, "%s %s\n", verb, it.Error)
		return
	}
	if it.Action == wpsync.ActionSkipped {
		// Why it is not published is information, on its own line.
		fmt.Fprintln(w, skippedLine(verb, it))
		return
	}
	line := fmt.Sprintf("%s %s", verb, it.Path)
	if it.ID > 0 {
		line += fmt.Sprintf(" → %s %d", it.Type, it.ID)
	}
	if it.Link != "" {
		line += " " + p.cyan(it.Link)
	}
	fmt.Fprintln(w, line)
	for _, warn := range it.Warnings {
		fmt.Fprintf(w, "%s %s\n", p.yellow(fmt.Sprintf("%-16s", "warning")), warningAt(it.Path, warn))
	}
}

// skippedLine: "skipped   content/_index.md: not a page: …", the reasons of
// a skipped file after its path.
func skippedLine(verb string, it wpsync.Item) string {
	if len(it.Warnings) == 0 {
		return verb + " " + it.Path
	}
	return verb + " " + warningAt(it.Path, strings.Join(it.Warnings, "; "))
}

// summaryLine: "created 3, updated 1, unchanged 40, failed 0 in 2.1s".
func summaryLine(r *wpsync.Report, dryRun bool, took time.Duration) string {
	s := r.Summary
	prefix := ""
	if dryRun {
		prefix = "dry run, nothing written: would have "
	}
	extra := ""
	if s.Conflicts > 0 {
		extra += fmt.Sprintf(", conflicts %d", s.Conflicts)
	}
	if s.Orphans > 0 || s.Trashed > 0 {
		extra += fmt.Sprintf(", orphans %d, trashed %d", s.Orphans, s.Trashed)
	}
	if s.Leftovers > 0 {
		extra += fmt.Sprintf(", shown as source %d", s.Leftovers)
	}
	if s.Skipped > 0 {
		extra += fmt.Sprintf(", skipped %d", s.Skipped)
	}
	if s.NotReached > 0 {
		extra += fmt.Sprintf(", not reached %d", s.NotReached)
	}
	return fmt.Sprintf("%screated %d, updated %d, unchanged %d, failed %d%s in %.1fs",
		prefix, s.Created, s.Updated, s.Unchanged, s.Failed, extra, took.Seconds())
}

// progressMinFiles: runs of more files than this get a progress bar on a
// terminal; for fewer, the per-file lines say enough.
const progressMinFiles = 5

// syncPrinter shows a sync run in the chosen output format: per-file lines
// as files are done (text, github), a progress bar on a terminal, and the
// closing summary or JSON document.
type syncPrinter struct {
	format string
	dryRun bool
	// all lists every file, its warnings under it (--all); else only
	// the files that changed or failed, and the warnings at the end, each
	// once (warns).
	all   bool
	warns warningGroups
	out   io.Writer
	pal   palette
	gh    *githubWriter

	mu  gosync.Mutex // Progress may be called from several goroutines
	bar *progressBar

	// Lines of files settled without the site (a file that does not parse,
	// one unchanged) are held until the site has been signed in to, so
	// that a refused sign-in, which stops the run, comes before them.
	holding bool
	held    []wpsync.Item
	errOut  io.Writer

	lines   int // per-file lines written
	skipped int // files skipped by design, not listed (skippedNote)
}

// relistAfter: a run that printed more per-file lines than this lists its
// failures again at the end, together, where they are not lost among the
// others.
const relistAfter = 5

// newSyncPrinter prepares the output of a run over dir; ignore is the
// folder's ignore list (the bar counts the files the run will look at).
func newSyncPrinter(format, dir string, ignore []string, dryRun, all bool, ios ioStreams, getenv func(string) string) *syncPrinter {
	t := ios.terminals()
	p := &syncPrinter{format: format, dryRun: dryRun, all: all, out: ios.Out, errOut: ios.Err, holding: true,
		pal: palette{on: useColor(t.Out, getenv) && format == "text"}}
	if format == "github" {
		p.gh = newGithubWriter(ios.Out, dir, getenv)
	}
	// The bar, like colour, only on a terminal that can take it and for a
	// user who did not say NO_COLOR.
	if useColor(t.Err, getenv) && format != "github" {
		if paths, err := wpsync.Scan(dir, ignore); err == nil && len(paths) > progressMinFiles {
			p.bar = newProgressBar(ios.Err, len(paths), true)
			p.bar.start()
		}
	}
	return p
}

// item is wpsync.Options.Progress.
func (p *syncPrinter) item(it wpsync.Item) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.clear()
		defer p.bar.advance()
	}
	if p.holding {
		switch it.Action {
		case wpsync.ActionError, wpsync.ActionUnchanged, wpsync.ActionSkipped:
			p.held = append(p.held, it)
			return
		}
		// Any other outcome needed the site: the sign-in went through.
		p.release()
	}
	p.write(it)
}

func (p *syncPrinter) write(it wpsync.Item) {
	switch p.format {
	case "text":
		if !p.all {
			if it.Action == wpsync.ActionSkipped {
				p.skipped++ // counted by skippedNote, not a warning
				return
			}
			for _, w := range it.Warnings {
				p.warns.add(it.Path, w)
			}
			it.Warnings = nil
			if quiet(it.Action) {
				return
			}
		}
		p.lines++
		writeItem(p.out, it, p.dryRun, p.pal)
	case "github":
		p.lines++
		p.gh.item(it, p.dryRun, p.all)
	}
}

// quiet are the outcomes listed only with --all: the summary counts them.
func quiet(a wpsync.Action) bool {
	return a == wpsync.ActionUnchanged || a == wpsync.ActionSkipped
}

// release writes the held lines and stops holding. The caller holds p.mu.
func (p *syncPrinter) release() {
	p.holding = false
	for _, it := range p.held {
		p.write(it)
	}
	p.held = nil
}

// fatal shows an error that stopped the run, before any per-file line: on
// stderr (with what to do on a second line), under --output github as an
// ::error annotation and in the step summary too, and under --output json
// as the one JSON document on stdout, {"error": …, "hint": …}, so that a
// script reading it gets the reason. It returns the error marked as shown.
func (p *syncPrinter) fatal(err error) error {
	p.stop()
	p.mu.Lock()
	defer p.mu.Unlock()
	printError(p.errOut, err)
	switch p.format {
	case "github":
		p.gh.fatal(err)
	case "json":
		doc := struct {
			Error string `json:"error"`
			Hint  string `json:"hint,omitempty"`
		}{Error: err.Error()}
		if h, ok := errors.AsType[hinter](err); ok {
			doc.Hint = sentence(h.Hint())
		}
		enc := json.NewEncoder(p.out)
		enc.SetIndent("", "  ")
		_ = enc.Encode(doc)
	}
	if _, refused := errors.AsType[*wordpress.AuthError](err); refused {
		// The credentials are what to fix: a line for each unchanged file
		// would bury the error and its hint and say nothing. A file that
		// is broken in itself is still named: it needs fixing too.
		p.held = slices.DeleteFunc(p.held, func(it wpsync.Item) bool { return it.Action != wpsync.ActionError })
	}
	p.release()
	return &shownError{err}
}

// stop takes the progress bar off the screen; it may be called twice.
func (p *syncPrinter) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.stop()
		p.bar = nil
	}
}

// finish writes the end of the output: the summary, or the JSON report.
func (p *syncPrinter) finish(r *wpsync.Report, took time.Duration) error {
	p.stop()
	p.mu.Lock()
	p.release()
	p.mu.Unlock()
	switch p.format {
	case "json":
		enc := json.NewEncoder(p.out)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	case "github":
		return p.gh.summary(r, p.dryRun, took)
	}
	p.warns.write(p.out, 16, p.pal)
	skippedNote(p.out, p.skipped, 16, p.pal)
	runNotes(p.out, r.Notes, 16, p.pal)
	for _, warn := range r.Warnings {
		fmt.Fprintln(p.out, p.pal.yellow("warning: ")+warn)
	}
	var failures []wpsync.Item
	for _, it := range r.Items {
		if it.Action == wpsync.ActionError || it.Action == wpsync.ActionConflict {
			failures = append(failures, it)
		}
	}
	if len(failures) > 0 && p.lines > relistAfter {
		fmt.Fprintln(p.out, p.pal.red(fmt.Sprintf("%d of %d file(s) failed or are in conflict:", len(failures), len(r.Items))))
		for _, it := range failures {
			writeItem(p.out, it, p.dryRun, p.pal)
		}
	}
	line := summaryLine(r, p.dryRun, took)
	if r.Failed() {
		line = p.pal.red(line)
	} else {
		line = p.pal.bold(line)
	}
	fmt.Fprintln(p.out, line)
	return nil
}

// githubWriter writes GitHub Actions workflow commands: an ::error
// annotation on the file (and line) of each failed file, ::warning for
// warnings, and a summary, also to $GITHUB_STEP_SUMMARY when set.
// https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions
type githubWriter struct {
	w io.Writer
	// annotations written so far; left counts by kind those not written
	// past ghAnnotationsMax.
	annotations int
	left        map[string]int
	dir         string // the synced folder, as given
	base        string // paths in annotations are relative to it: the workspace
	getenv      func(string) string
}

func newGithubWriter(w io.Writer, dir string, getenv func(string) string) *githubWriter {
	base := getenv("GITHUB_WORKSPACE")
	if base == "" {
		base, _ = os.Getwd()
	}
	return &githubWriter{w: w, dir: dir, base: base, getenv: getenv, left: map[string]int{}}
}

// file is the path of a synced file as GitHub wants it in an annotation:
// relative to the repository (the workspace), with forward slashes.
func (g *githubWriter) file(rel string) string {
	p := filepath.Join(g.dir, filepath.FromSlash(rel))
	if abs, err := filepath.Abs(p); err == nil && g.base != "" {
		if r, err := filepath.Rel(g.base, abs); err == nil && !strings.HasPrefix(r, "..") {
			p = r
		}
	}
	return filepath.ToSlash(p)
}

// lineRE finds the ":LINE:" after the path in an error text.
var lineRE = regexp.MustCompile(`^:(\d+):`)

// itemLine is the line an item's error is about: Item.Line, else the
// "path:LINE:" prefix of its error text, else 0.
func itemLine(it wpsync.Item) int {
	if it.Line > 0 {
		return it.Line
	}
	if strings.HasPrefix(it.Error, it.Path+":") {
		if m := lineRE.FindStringSubmatch(it.Error[len(it.Path):]); m != nil {
			n, _ := strconv.Atoi(m[1])
			return n
		}
	}
	return 0
}

// itemMessage is the error text without the "path:" or "path:LINE:" prefix
// the annotation shows anyway.
func itemMessage(it wpsync.Item) string {
	msg := it.Error
	if rest, ok := strings.CutPrefix(msg, it.Path+":"); ok {
		msg = rest
		if m := lineRE.FindString(":" + msg); m != "" {
			msg = msg[len(m)-1:]
		}
	}
	return strings.TrimSpace(msg)
}

// ghAnnotationsMax bounds the annotations of a run: GitHub shows only the
// first few of a step on the run's page anyway, and hundreds of them bury
// the errors. The rest are counted in a last one and listed in the step
// summary.
const ghAnnotationsMax = 50

func (g *githubWriter) item(it wpsync.Item, dryRun, all bool) {
	if it.Action != wpsync.ActionError && it.Action != wpsync.ActionConflict && (all || !quiet(it.Action)) {
		// Failures and warnings become annotations; the rest plain lines.
		plain := it
		plain.Warnings = nil
		writeItem(g.w, plain, dryRun, palette{})
	}
	props := "file=" + ghProperty(g.file(it.Path))
	if n := itemLine(it); n > 0 {
		props += ",line=" + strconv.Itoa(n)
	}
	switch it.Action {
	case wpsync.ActionError:
		g.annotate("error", props, "wpsync: "+it.Path, itemMessage(it))
	case wpsync.ActionConflict:
		g.annotate("error", props, "wpsync: conflict", itemMessage(it))
	}
	if len(it.Warnings) == 0 || it.Action == wpsync.ActionSkipped {
		return // a skip's reasons are information, on its plain line with --all
	}
	// One annotation for all the warnings of a file, at the line of the
	// first that names one.
	wprops := "file=" + ghProperty(g.file(it.Path))
	for _, warn := range it.Warnings {
		if n := warningLine(warn); n > 0 {
			wprops += ",line=" + strconv.Itoa(n)
			break
		}
	}
	title := "wpsync: " + it.Path
	if len(it.Warnings) > 1 {
		title = fmt.Sprintf("wpsync: %d warnings in %s", len(it.Warnings), it.Path)
	}
	g.annotate("warning", wprops, title, strings.Join(it.Warnings, "\n"))
}

// annotate writes one ::error or ::warning workflow command, or counts it
// once ghAnnotationsMax have been written.
func (g *githubWriter) annotate(kind, props, title, msg string) {
	if g.annotations >= ghAnnotationsMax {
		g.left[kind]++
		return
	}
	g.annotations++
	fmt.Fprintf(g.w, "::%s %s,title=%s::%s\n", kind, props, ghProperty(title), ghData(msg))
}

// warningLine is the line a warning names ("line 5: …"), 0 for none.
func warningLine(warn string) int {
	rest, ok := strings.CutPrefix(warn, "line ")
	if !ok {
		return 0
	}
	num, _, ok := strings.Cut(rest, ": ")
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(num)
	if err != nil {
		return 0
	}
	return n
}

// fatal writes a run-stopping error as an ::error annotation (GitHub shows
// it on the run's page) and into the step summary.
func (g *githubWriter) fatal(err error) {
	msg := err.Error()
	if h, ok := errors.AsType[hinter](err); ok {
		msg += "\n" + sentence(h.Hint())
	}
	fmt.Fprintf(g.w, "::error title=%s::%s\n", ghProperty("wpsync: the run stopped"), ghData(msg))
	if path := g.getenv("GITHUB_STEP_SUMMARY"); path != "" {
		text := "### wpsync\n\n**The run stopped before any file was sent:**\n\n" + mdEscape(msg) + "\n\n"
		if werr := appendFile(path, text); werr != nil {
			fmt.Fprintf(g.w, "::warning title=wpsync::%s\n", ghData(werr.Error()))
		}
	}
}

// appendFile appends text to the file at path, creating it.
func appendFile(path, text string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("write $GITHUB_STEP_SUMMARY: %w", err)
	}
	if _, err := io.WriteString(f, text); err != nil {
		f.Close()
		return fmt.Errorf("write $GITHUB_STEP_SUMMARY: %w", err)
	}
	return f.Close()
}

func (g *githubWriter) summary(r *wpsync.Report, dryRun bool, took time.Duration) error {
	for _, note := range r.Notes {
		// Information, not an annotation: a plain line of the log.
		fmt.Fprintf(g.w, "note: %s\n", note)
	}
	for _, warn := range r.Warnings {
		fmt.Fprintf(g.w, "::warning title=wpsync::%s\n", ghData(warn))
	}
	if n := g.left["error"] + g.left["warning"]; n > 0 {
		where := "in the output of --output text"
		if g.getenv("GITHUB_STEP_SUMMARY") != "" {
			where = "in the job summary"
		}
		fmt.Fprintf(g.w, "::warning title=wpsync::%d more annotations (%d errors, %d warnings) not shown here: every failure is listed %s\n",
			n, g.left["error"], g.left["warning"], where)
	}
	line := summaryLine(r, dryRun, took)
	fmt.Fprintln(g.w, line)
	path := g.getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		return nil
	}
	return appendFile(path, stepSummary(r, line))
}

// stepSummary is the Markdown for the job's summary page.
func stepSummary(r *wpsync.Report, line string) string {
	var b strings.Builder
	b.WriteString("### wpsync\n\n" + mdEscape(line) + "\n\n")
	var changed, failed []wpsync.Item
	for _, it := range r.Items {
		switch it.Action {
		case wpsync.ActionUnchanged, wpsync.ActionSkipped:
		case wpsync.ActionError, wpsync.ActionConflict:
			failed = append(failed, it)
		default:
			changed = append(changed, it)
		}
	}
	if len(failed) > 0 {
		b.WriteString("| failed | why |\n|---|---|\n")
		for _, it := range failed {
			fmt.Fprintf(&b, "| `%s` | %s |\n", it.Path, mdCell(itemMessage(it)))
		}
		b.WriteString("\n")
	}
	if len(changed) > 0 {
		b.WriteString("| file | done | post |\n|---|---|---|\n")
		for _, it := range changed {
			post := ""
			if it.Link != "" {
				post = fmt.Sprintf("[%s %d](%s)", it.Type, it.ID, it.Link)
			} else if it.ID > 0 {
				post = fmt.Sprintf("%s %d", it.Type, it.ID)
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", it.Path, it.Action, post)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", "").Replace(mdEscape(s))
}

func mdEscape(s string) string {
	return strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(s)
}

// ghData escapes the message of a workflow command.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a property value of a workflow command.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
