package site

// informer is a Site that says how it read the site (which input folder,
// which template engine): information for each run, not a warning, as
// there is nothing to fix.
type informer interface {
	Info() []string
}

// Info is what s says of how it read the site, one line each (nil for
// none); Notes are the warnings.
func Info(s Site) []string {
	if i, ok := s.(informer); ok {
		return i.Info()
	}
	return nil
}
