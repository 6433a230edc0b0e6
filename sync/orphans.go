package sync

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/wpsync/wpsync/state"
)

// Limit is a count, or a percentage of the tracked posts.
type Limit struct {
	N       int
	Percent float64
}

// DefaultPruneMax keeps a mistake (a wrong folder, a half checkout) from
// trashing a site: at most a tenth of the tracked posts go in one run.
var DefaultPruneMax = Limit{Percent: 10}

// ParseLimit reads "25" or "10%".
func ParseLimit(s string) (Limit, error) {
	s = strings.TrimSpace(s)
	if pct, ok := strings.CutSuffix(s, "%"); ok {
		f, err := strconv.ParseFloat(pct, 64)
		if err != nil || f < 0 || f > 100 {
			return Limit{}, fmt.Errorf("%q is not a percentage between 0%% and 100%%", s)
		}
		return Limit{Percent: f}, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return Limit{}, fmt.Errorf("%q is neither a count nor a percentage (like 10%%)", s)
	}
	return Limit{N: n}, nil
}

// Of applies the limit to a number of tracked posts.
func (l Limit) Of(total int) int {
	if l.Percent > 0 {
		return int(math.Ceil(float64(total) * l.Percent / 100))
	}
	return l.N
}

func (l Limit) String() string {
	if l.Percent > 0 {
		return strconv.FormatFloat(l.Percent, 'f', -1, 64) + "%"
	}
	return strconv.Itoa(l.N)
}

// orphan is a tracked file that is gone, as the plan has it: its item,
// and whether --prune may trash its post.
type orphan struct {
	path  string
	entry *state.Entry
	item  Item
	trash bool
}

// planOrphans decides about the tracked files that are gone. Their posts
// are left alone unless Options.Prune, and then only when the run had no
// errors and they are few enough: trashing is the one thing sync does that
// a reader of the site would notice at once. It runs once the files were
// written (or planned, in a dry run), whose failures it weighs.
func (s *Syncer) planOrphans(report *Report, gone map[string]*state.Entry) []orphan {
	paths := make([]string, 0, len(gone))
	for p := range gone {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	prune := s.opts.Prune && len(paths) > 0
	// why says, for each orphan, why --prune left it: the reason once, in
	// the words the run warning has too.
	why := ""
	refuse := func(reason string) {
		report.Warnings = append(report.Warnings, "not pruning: "+reason)
		why, prune = reason, false
	}
	switch sm := report.Summary; {
	case !prune:
	case report.Interrupted:
		refuse("the run was interrupted, so what is orphaned cannot be known; run again")
	case sm.Failed > 0 || sm.Conflicts > 0:
		var what []string
		if sm.Failed > 0 {
			what = append(what, fmt.Sprintf("%d file(s) failed", sm.Failed))
		}
		if sm.Conflicts > 0 {
			what = append(what, fmt.Sprintf("%d file(s) are in conflict", sm.Conflicts))
		}
		refuse(strings.Join(what, " and ") + " this run, so what is orphaned cannot be known; fix them and run again")
	}
	if limit := s.opts.PruneMax.Of(len(s.state.Files)); prune && len(paths) > limit {
		refuse(fmt.Sprintf("%d posts would go to the trash, more than the limit of %d (--prune-max %s of %d tracked); raise --prune-max if that is what you want",
			len(paths), limit, s.opts.PruneMax, len(s.state.Files)))
		report.refused = true
	}
	out := make([]orphan, 0, len(paths))
	for _, p := range paths {
		e := gone[p]
		it := Item{Path: p, Type: typeName(e.Type), ID: e.ID, Link: e.Link, Action: ActionOrphan}
		switch {
		case why != "":
			it.Warnings = append(it.Warnings, fmt.Sprintf("file is gone; %s %d is still on the site: not trashed: %s", it.Type, e.ID, why))
		case !prune:
			it.Warnings = append(it.Warnings, fmt.Sprintf("file is gone; %s %d is still on the site (--prune moves it to the trash)", it.Type, e.ID))
		}
		out = append(out, orphan{path: p, entry: e, item: it, trash: prune})
	}
	return out
}

// trashOrphans carries out the plan for the orphans: trashes those it may,
// forgets them, and reports each.
func (s *Syncer) trashOrphans(ctx context.Context, report *Report, orphans []orphan) error {
	for _, o := range orphans {
		if o.trash {
			if err := s.connect(ctx); err != nil {
				return err
			}
			break
		}
	}
	for _, o := range orphans {
		it, e := o.item, o.entry
		if o.trash {
			if err := s.pub.Trash(ctx, e.Type, e.ID); err != nil && !definitelyGone(err) {
				if refusedToUser(err) {
					err = fmt.Errorf("%w (the post exists and belongs to a user whose posts the signed-in user may not change: left in place; prune as an Editor or as its owner)", err)
				}
				it = failedItem(it, fmt.Errorf("%s: move %s %d to the trash: %w", o.path, it.Type, e.ID, err))
			} else {
				it.Action = ActionTrashed
				s.dropEntry(o.path) // record.go
			}
		}
		s.reportOrphan(report, it)
	}
	return nil
}

// reportOrphan adds an orphan's item to the report.
func (s *Syncer) reportOrphan(report *Report, it Item) {
	report.add(it)
	if s.opts.Progress != nil {
		s.opts.Progress(it)
	}
}

// refusedToUser: WordPress refused the signed-in user (401, 403).
func refusedToUser(err error) bool {
	var sc statusCoder
	return errors.As(err, &sc) && (sc.StatusCode() == 401 || sc.StatusCode() == 403)
}

// definitelyGone: the post is not there to trash (deleted, or already in the
// trash, which WordPress answers with 410).
func definitelyGone(err error) bool {
	var sc statusCoder
	return errors.As(err, &sc) && (sc.StatusCode() == 404 || sc.StatusCode() == 410)
}
