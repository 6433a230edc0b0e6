package site

// generatorTitles are the generators' names as their projects write them.
var generatorTitles = map[string]string{
	"hugo": "Hugo", "jekyll": "Jekyll", "zola": "Zola", "hexo": "Hexo", "astro": "Astro",
	"docusaurus": "Docusaurus", "eleventy": "Eleventy", "obsidian": "Obsidian", "goblog": "Go blog",
	"mkdocs": "MkDocs", "vitepress": "VitePress", "plain": "plain",
}

// Title is a generator's name as its project writes it ("Hexo" for
// Generator() "hexo"), with its article ("a Hexo site"); a key it does not
// know is given as it is.
func Title(key string) (name, aSite string) {
	name, ok := generatorTitles[key]
	if !ok {
		name = key
	}
	article := "a"
	if name != "" && (name[0] == 'A' || name[0] == 'E' || name[0] == 'I' || name[0] == 'O' || name[0] == 'U') {
		article = "an"
	}
	return name, article + " " + name + " site"
}
