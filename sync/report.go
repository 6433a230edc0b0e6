package sync

import "time"

// Action is what a run did, or would do, with one file.
type Action string

const (
	ActionCreate    Action = "create"
	ActionUpdate    Action = "update"
	ActionUnchanged Action = "unchanged"
	ActionError     Action = "error"
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
	// Adopted is set when a post that already had this file's slug was taken
	// over instead of creating a second one.
	Adopted bool `json:"adopted,omitempty"`
	// Warnings are things the author should know that did not stop the file.
	Warnings []string `json:"warnings,omitempty"`

	Duration time.Duration `json:"-"`
}

// Summary counts the items by outcome.
type Summary struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Failed    int `json:"failed"`
}

// Report is the outcome of one run.
type Report struct {
	Summary Summary `json:"summary"`
	Items   []Item  `json:"items"`
}

func (r *Report) add(it Item) {
	r.Items = append(r.Items, it)
	switch it.Action {
	case ActionCreate:
		r.Summary.Created++
	case ActionUpdate:
		r.Summary.Updated++
	case ActionUnchanged:
		r.Summary.Unchanged++
	case ActionError:
		r.Summary.Failed++
	}
}

// Failed reports whether any file failed.
func (r *Report) Failed() bool { return r.Summary.Failed > 0 }
