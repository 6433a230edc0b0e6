package wordpress

import wpsync "github.com/wpsync/wpsync/sync"

// mayEdit reports whether the signed-in user may edit p, from its author and
// the user's capabilities as Connect read them. WordPress 6.1 leaves the
// posts a user may not edit out of edit-context listings, but 6.5 lists
// another user's published post there to an Author too (and refuses only a
// read or write of it by ID), so a listing alone does not tell. Unknown
// (no user read yet, no author, a custom type with capabilities of its
// own): true, and WordPress's answer to the write decides.
func (c *Client) mayEdit(typ string, p *post) bool {
	if c.me == nil || c.me.Capabilities == nil || p.Author == 0 || p.Author == c.me.ID {
		return true
	}
	switch typ {
	case "posts", "pages":
		return c.me.Capabilities["edit_others_"+typ]
	}
	return true
}

// editable converts an edit-context result, marking it read-only when the
// user may not edit it after all (see mayEdit).
func (c *Client) editable(typ string, p *post) *wpsync.Post {
	if !c.mayEdit(typ, p) {
		return p.readOnly(typ)
	}
	return p.toSync(typ)
}
