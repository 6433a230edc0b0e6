package sync

import (
	"fmt"
	"reflect"
	"sort"

	"github.com/wpsync/wpsync/state"
)

// The plan
//
// What a run does to one file is decided by the functions of this file,
// from values only: what the file sends (FileInput: its post, its hash, the
// state's entry) and what was read of the site (Snapshot: the posts holding
// new files' slugs, the posts to update as they are now, the owners of the
// posts the user may not edit, the files the state gives each post to). They
// make no request and change nothing; the stages (classify, lookupSlugs,
// checkConflicts) read the site, then ask them. BuildPlan strings them
// together the way a run does, which the tests use to build plans from a
// table of inputs and snapshots without a server.
//
// A FilePlan says what will happen and why: create; update (with the fields
// that differ from the post on the site, when it was read); adopt (the post
// holding its slug is taken over: updated, or unchanged when it already
// holds what the file sends); conflict; skip; error; unchanged. A dry run
// (and status) is that plan without the apply: Report.Plan holds it, the
// uploads and terms it would make included (planOf, at the gate in run.go).
// A run that applies keeps its decisions in its jobs (job.plan) and
// carries them out.

// Plan is what a run will do, decided before anything is written.
type Plan struct {
	Files   []FilePlan   `json:"files"`
	Uploads []UploadPlan `json:"uploads,omitempty"` // files to add to the media library
	Terms   []TermPlan   `json:"terms,omitempty"`   // terms to create
}

// FilePlan is what will happen to one file, and why.
type FilePlan struct {
	Path   string `json:"path"`
	Action Action `json:"action"`
	// Reason says why, in words: for a conflict or an error, the message.
	Reason string `json:"reason,omitempty"`
	// Fields names the fields (by their REST names) in which the post on
	// the site differs from what the file sends, when the post was read.
	Fields []string `json:"fields,omitempty"`
	ID     int      `json:"id,omitempty"`
	// Adopted: the post holding the file's slug is taken over.
	Adopted   bool   `json:"adopted,omitempty"`
	MovedFrom string `json:"moved_from,omitempty"`
	// Write: the post is created or updated (not an update found done).
	Write bool `json:"write,omitempty"`
	// Needs names the files whose posts must have IDs before this one is
	// written (its parent, the files it links to): apply writes it in a
	// later wave.
	Needs    []string `json:"needs,omitempty"`
	Warnings []string `json:"warnings,omitempty"`

	Err error `json:"-"` // the error of an error
}

// UploadPlan is a file to add to the media library, and the files that use it.
type UploadPlan struct {
	Path string   `json:"path"`
	Size int64    `json:"size"`
	For  []string `json:"for"`
}

// TermPlan is a term to create, and the files that name it.
type TermPlan struct {
	Taxonomy string   `json:"taxonomy"`
	Name     string   `json:"name"`
	For      []string `json:"for"`
}

// FileInput is what the plan knows of one file before the site is asked.
type FileInput struct {
	Path   string
	Err    error        // reading or rendering it failed
	Skip   bool         // nothing to publish (empty, not a page)
	Cached bool         // same size and time stamp as the state's: not read
	Post   *Post        // what it sends (term IDs of the terms the site has)
	Hash   string       // of everything it sends
	Entry  *state.Entry // the state's (a moved file's included); nil: new
	// NewTerms counts the terms it names that the site lacks: its post
	// cannot be the same as one on the site.
	NewTerms int
}

// Snapshot is what was read of the site for a plan.
type Snapshot struct {
	// BySlug holds the post holding a new file's slug, by REST base and
	// slug ("posts/hello"), in edit context; ReadOnly when the user may
	// see it but not edit it.
	BySlug map[string]*Post
	// ByID holds the posts of files to update as they are now, trashed
	// ones included; one not there was deleted.
	ByID map[int]*Post
	// Owners names the users owning posts the user may not edit, by user ID.
	Owners map[int]string
	// Claimed gives, for a post ID, the other file of the folder whose
	// post it is already (the state's).
	Claimed map[int]string
	// Force is --force: overwrite, restore from the trash, recreate.
	Force bool
}

// planLocal decides what a file needs without asking the site. Create and
// update need the site (planNew, planUpdate); the other actions are final.
func planLocal(in *FileInput) FilePlan {
	fp := FilePlan{Path: in.Path}
	switch {
	case in.Err != nil:
		fp.Action, fp.Err, fp.Reason = ActionError, in.Err, in.Err.Error()
	case in.Skip:
		fp.Action, fp.Reason = ActionSkipped, "nothing to publish"
	case in.Entry != nil && (in.Cached || in.Entry.Hash == in.Hash):
		fp.Action, fp.ID, fp.Reason = ActionUnchanged, in.Entry.ID, "sends what it sent last time"
		if in.Cached {
			fp.Reason = "same size and time stamp as when last synced"
		}
	case in.Entry != nil:
		fp.Action, fp.ID, fp.Write, fp.Reason = ActionUpdate, in.Entry.ID, true, "the file changed since it was last synced"
	default:
		fp.Action, fp.Write, fp.Reason = ActionCreate, true, "a new file"
	}
	return fp
}

// planNew decides about a new file whose slug a post holds (existing; nil:
// none): create when none does; an error when the user may not edit it
// (owner names its owner, if known) or another file of the folder is that
// post already (holder); else the post is adopted (planAdopted says
// whether it is then written).
func planNew(in *FileInput, existing *Post, holder, owner string) FilePlan {
	fp := FilePlan{Path: in.Path}
	switch {
	case existing == nil:
		fp.Action, fp.Write, fp.Reason = ActionCreate, true, "a new file; no post has its slug"
	case existing.ReadOnly:
		fp.Action = ActionError
		fp.Err = notEditableError(in.Path, in.Post.Type, existing, owner, fmt.Sprintf("the slug %q is held by", in.Post.Slug))
	case holder != "" && holder != in.Path:
		fp.Action = ActionError
		fp.Err = fmt.Errorf("%s: the slug %q is held by %s %d, which is %s's post already: set another slug: in the front matter", in.Path, in.Post.Slug, typeName(in.Post.Type), existing.ID, holder)
	default:
		fp.Action, fp.ID, fp.Adopted, fp.Write = ActionUpdate, existing.ID, true, true
		fp.Reason = fmt.Sprintf("%s %d has its slug: adopted, not made a second time", typeName(in.Post.Type), existing.ID)
	}
	if fp.Err != nil {
		fp.Reason = fp.Err.Error()
	}
	return fp
}

// planAdopted decides about a file whose post it adopted, once what it
// sends is final (its links rendered): unchanged when the post holds it
// already, else an update of the fields that differ.
func planAdopted(in *FileInput, existing *Post, force bool) FilePlan {
	fp := FilePlan{Path: in.Path, ID: existing.ID, Adopted: true}
	if in.NewTerms == 0 && sameAsSent(existing, in.Post) {
		fp.Action, fp.Reason = ActionUnchanged, fmt.Sprintf("%s %d, which has its slug, holds what it sends: adopted", typeName(in.Post.Type), existing.ID)
		return fp
	}
	if !force && !writtenFrom(existing, in.Path) {
		// Not what the file sends, and not wpsync's own last write of
		// this file: a post made in WordPress, edited in the editor
		// since, or written from another file (another folder synced to
		// the same site). Taking it over would overwrite what is not
		// the file's.
		fp.Action, fp.Reason = ActionConflict, adoptConflict(in.Path, in.Post, existing)
		return fp
	}
	fp.Action, fp.Write = ActionUpdate, true
	fp.Fields = differingFields(existing, in.Post, in.NewTerms)
	fp.Reason = fmt.Sprintf("%s %d has its slug: adopted and updated", typeName(in.Post.Type), existing.ID)
	return fp
}

// planUpdate decides about a file to update against its post as it is now
// (p; nil: deleted, in the trash neither), so that an edit made in
// WordPress is never overwritten: a post whose modified_gmt is no longer
// the one our last write returned was changed by someone else. owner names
// the owner of a post the user may not edit, if known.
func planUpdate(in *FileInput, p *Post, owner string, force bool) FilePlan {
	e := in.Entry
	typ := typeName(in.Post.Type)
	fp := FilePlan{Path: in.Path, ID: e.ID, Action: ActionUpdate, Write: true, Reason: "the file changed since it was last synced"}
	switch {
	case p == nil && force:
		fp.Action, fp.ID = ActionCreate, 0
		fp.Reason = fmt.Sprintf("%s %d was deleted in WordPress: made again (--force)", typ, e.ID)
		fp.Warnings = append(fp.Warnings, fmt.Sprintf("%s %d was deleted in WordPress; recreated (--force)", typ, e.ID))
	case p == nil:
		fp.Action, fp.Write = ActionConflict, false
		fp.Reason = fmt.Sprintf("%s: %s %d was deleted in WordPress (it is not in the trash either): not recreated. Run with --force to publish the file as a new %s", in.Path, typ, e.ID, typ)
	case p.ReadOnly:
		fp.Action, fp.Write = ActionError, false
		fp.Err = notEditableError(in.Path, in.Post.Type, p, owner, "its")
		fp.Reason = fp.Err.Error()
	case p.Status == "trash" && force:
		fp.Reason = fmt.Sprintf("%s %d is in the trash: restored with the file's text (--force)", typ, e.ID)
		fp.Warnings = append(fp.Warnings, fmt.Sprintf("%s %d was in the trash in WordPress; restored with the file's text (--force)", typ, e.ID))
	case p.Status == "trash":
		fp.Action, fp.Write = ActionConflict, false
		fp.Reason = fmt.Sprintf("%s: %s %d is in the trash in WordPress: not written. Restore it from the trash, or run with --force to restore it with the file's text (the same %s: no second one is made)", in.Path, typ, e.ID, typ)
	case p.ModifiedGMT != e.ModifiedGMT && in.NewTerms == 0 && sameAsSent(p, in.Post):
		// Already what the file says: our own write of an earlier run
		// landed but its answer was lost. Nothing to overwrite.
		fp.Write = false
		fp.Reason = fmt.Sprintf("%s %d holds what the file sends already (the answer to an earlier write was lost): recorded, not written", typ, e.ID)
	case p.ModifiedGMT != e.ModifiedGMT && !force:
		fp.Action, fp.Write = ActionConflict, false
		fp.Reason = fmt.Sprintf("%s: %s %d was changed in WordPress at %s, after wpsync last wrote it (%s): not overwritten. Copy the change into the file, or run with --force to overwrite it", in.Path, typ, e.ID, utcText(p.ModifiedGMT), utcText(e.ModifiedGMT))
	case p.ModifiedGMT != e.ModifiedGMT:
		fp.Reason = fmt.Sprintf("%s %d was changed in WordPress: overwritten (--force)", typ, e.ID)
	}
	if fp.Write && fp.Action == ActionUpdate && p != nil {
		fp.Fields = differingFields(p, in.Post, in.NewTerms)
	}
	return fp
}

// differingFields names the fields (by their REST names) in which the post
// on the site differs from what the file sends, by the rules of fields.go;
// terms the site lacks make the file's terms differ.
func differingFields(have, want *Post, newTerms int) []string {
	var d []string
	hv := reflect.ValueOf(have).Elem()
	for _, f := range mustFields() {
		mixed := *want
		reflect.ValueOf(&mixed).Elem().Field(f.index).Set(hv.Field(f.index))
		if !samePost(&mixed, want) || newTerms > 0 && (f.name == "categories" || f.name == "tags") {
			d = append(d, f.name)
		}
	}
	return d
}

// notEditableError is the error of a file whose post exists but belongs to
// a user whose posts the signed-in user may not edit (an Author's run, an
// administrator's post). Nothing is written: an update would be refused,
// and a new post would be a second one for the file.
func notEditableError(path, restBase string, p *Post, owner, what string) error {
	if owner == "" {
		owner = p.AuthorName
	}
	who := "another user"
	switch {
	case owner != "" && p.Author != 0:
		who = fmt.Sprintf("%s (user ID %d)", owner, p.Author)
	case owner != "":
		who = owner
	case p.Author != 0:
		who = fmt.Sprintf("another user (user ID %d)", p.Author)
	}
	as := "as that user"
	if owner != "" {
		as = "as " + owner
	}
	name := typeName(restBase)
	return fmt.Errorf("%s: %s %s %d, which exists and belongs to %s, whose %ss the signed-in user may not edit: not written, and no second %s made. Sync as an Editor or %s (or set another slug: in the front matter for a post of its own)",
		path, what, name, p.ID, who, name, name, as)
}

// BuildPlan decides, for each file, what a run does with it, from the
// files and what was read of the site, the way the stages of a run ask
// planLocal, planNew, planAdopted and planUpdate. It makes no request.
func BuildPlan(files []FileInput, site Snapshot) Plan {
	var plan Plan
	for i := range files {
		in := &files[i]
		fp := planLocal(in)
		switch fp.Action {
		case ActionCreate:
			existing := site.BySlug[in.Post.Type+"/"+in.Post.Slug]
			if existing != nil {
				fp = planNew(in, existing, site.Claimed[existing.ID], site.Owners[existing.Author])
				if fp.Action == ActionUpdate {
					fp = planAdopted(in, existing, site.Force)
				}
			} else {
				fp = planNew(in, nil, "", "")
			}
		case ActionUpdate:
			if in.Entry.ModifiedGMT != "" {
				p := site.ByID[in.Entry.ID]
				owner := ""
				if p != nil {
					owner = site.Owners[p.Author]
				}
				fp = planUpdate(in, p, owner, site.Force)
			}
		}
		plan.Files = append(plan.Files, fp)
	}
	sort.SliceStable(plan.Files, func(a, b int) bool { return plan.Files[a].Path < plan.Files[b].Path })
	return plan
}
