// Package markdown turns one Markdown file with optional front matter (Hugo or
// Jekyll style YAML, TOML or JSON) into a Document ready to publish to
// WordPress: front matter fields are validated, missing values are derived from
// the file name and the body, and the body is rendered to block-editor markup
// (blocks.go) or, in the classic format, to HTML that survives WordPress's
// wpautop and shortcode processing unchanged.
package markdown
