<?php
/*
 * Stands in for the MerPress plugin (wordpress.org/plugins/merpress): its
 * Mermaid block type, merpress/mermaidjs, registered with the attributes
 * and supports of its block.json, so that /wp/v2/block-types lists it as
 * it does on a site running the plugin. It draws nothing.
 */
add_action('init', function () {
	register_block_type('merpress/mermaidjs', array(
		'attributes' => array(
			'content'       => array('type' => 'string', 'source' => 'text', 'selector' => 'pre.mermaid'),
			'diagramSource' => array('enum' => array('mermaid', 'image'), 'default' => 'mermaid'),
		),
		'supports'   => array('html' => false),
	));
});
