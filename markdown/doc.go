// Package markdown turns one Markdown file with optional front matter (Hugo or
// Jekyll style YAML, TOML or JSON) into a Document ready to publish to
// WordPress: front matter fields are validated, missing values are derived from
// the file name and the body, and the body is rendered to block-editor markup
// (blocks.go) or, in the classic format, to HTML that survives WordPress's
// wpautop and shortcode processing unchanged.
//
// It names no site generator. What a generator means by a file — its front
// matter table and its dialect: the template language run before the
// Markdown, the Markdown's extensions — comes in SiteRules, which package
// site's adapter of the file's generator fills (site.go): each rule here
// is a switch that adapter turns on, like goldmark's extenders handed to
// one renderer. What no adapter ran, readers would see; Leftovers names it
// (leftover.go).
package markdown
