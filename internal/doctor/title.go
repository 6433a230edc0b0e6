package doctor

// Title is the name a check is printed with ("Mermaid diagrams" for
// IDDiagrams); "" for an unknown id.
func Title(id string) string { return titles[id] }

// Titles are the names of every check, as printed.
func Titles() []string {
	out := make([]string, 0, len(titles))
	for _, t := range titles {
		out = append(out, t)
	}
	return out
}
