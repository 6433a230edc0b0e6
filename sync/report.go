package sync

import "time"

// Action is what a run did, or would do, with one file.
type Action string

const (
	ActionCreate    Action = "create"
	ActionUpdate    Action = "update"
	ActionUnchanged Action = "unchanged"
	ActionError     Action = "error"
	// ActionConflict: the post changed in WordPress since our last write
	// (or was deleted there); nothing was overwritten. --force overwrites.
	ActionConflict Action = "conflict"
	// ActionOrphan: the file is gone but its post is still on the site.
	ActionOrphan Action = "orphan"
	// ActionTrashed: an orphan's post was moved to the trash (--prune).
	ActionTrashed Action = "trashed"
	// ActionSkipped: nothing to publish (an empty file); see Warnings.
	ActionSkipped Action = "skipped"
	// ActionNotReached: the run was interrupted before it sent the file
	// (Report.Interrupted); the next run sends it.
	ActionNotReached Action = "not_reached"
)

// Item is the outcome for one file. Its JSON form is part of the command-line
// contract (`wpsync sync --output json`).
type Item struct {
	Path   string `json:"path"` // relative to the synced folder, forward slashes
	Action Action `json:"action"`
	ID     int    `json:"id,omitempty"`
	Type   string `json:"type,omitempty"` // post, page or a custom type
	Link   string `json:"link,omitempty"`
	Error  string `json:"error,omitempty"`
	// Line is the line in the file the error is about, when known.
	Line int `json:"line,omitempty"`
	// MovedFrom is the file's previous path when it was renamed or moved:
	// its post was kept.
	MovedFrom string `json:"moved_from,omitempty"`
	// Adopted is set when a post that already had this file's slug was taken
	// over instead of creating a second one.
	Adopted bool `json:"adopted,omitempty"`
	// Warnings are things the author should know that did not stop the file.
	Warnings []string `json:"warnings,omitempty"`
	// Leftovers counts the constructs of other dialects (a wikilink, a
	// template tag, :::note) that readers see as text; each is one of
	// Warnings, or with strict: true the reason of Error.
	Leftovers int `json:"leftovers,omitempty"`

	Duration time.Duration `json:"-"`
	// Err is the error behind Error; Local tells a problem with the file
	// itself (its front matter, its size), which retrying will not fix,
	// from one with the site.
	Err   error `json:"-"`
	Local bool  `json:"-"`
}

// Summary counts the items by outcome.
type Summary struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Failed    int `json:"failed"`
	Conflicts int `json:"conflicts"`
	Orphans   int `json:"orphans"`
	Trashed   int `json:"trashed"`
	Skipped   int `json:"skipped"`
	// NotReached counts the files an interrupted run did not send.
	NotReached int `json:"not_reached,omitempty"`
	// Leftovers is the sum of the items' Leftovers.
	Leftovers int `json:"leftovers"`
}

// Report is the outcome of one run.
type Report struct {
	Summary Summary `json:"summary"`
	Items   []Item  `json:"items"`
	// Warnings concern the run as a whole (e.g. a prune that was refused).
	Warnings []string `json:"warnings,omitempty"`
	// Notes say how the site was read (site.Info: Eleventy's input
	// folder): information, nothing to fix.
	Notes []string `json:"notes,omitempty"`
	// Interrupted: the run's context ended (Ctrl-C) before it was done.
	// What was written is recorded and counted; the files it did not send
	// are ActionNotReached.
	Interrupted bool `json:"interrupted,omitempty"`
	// Plan is what a dry run (and status) decided (decide.go): what a run
	// would do, and why.
	Plan *Plan `json:"plan,omitempty"`
	// refused is set when the run did not do something it was asked to.
	refused bool
}

func (r *Report) add(it Item) {
	r.Items = append(r.Items, it)
	r.Summary.Leftovers += it.Leftovers
	switch it.Action {
	case ActionCreate:
		r.Summary.Created++
	case ActionUpdate:
		r.Summary.Updated++
	case ActionUnchanged:
		r.Summary.Unchanged++
	case ActionError:
		r.Summary.Failed++
	case ActionConflict:
		r.Summary.Conflicts++
	case ActionOrphan:
		r.Summary.Orphans++
	case ActionTrashed:
		r.Summary.Trashed++
	case ActionSkipped:
		r.Summary.Skipped++
	case ActionNotReached:
		r.Summary.NotReached++
	}
}

// Failed reports whether the run should exit 1: a file failed, a post is in
// conflict, or something asked for was refused.
func (r *Report) Failed() bool {
	return r.Summary.Failed > 0 || r.Summary.Conflicts > 0 || r.refused
}
