<?php
/*
 * A site whose plugins add fields to posts, as they register them: two
 * custom fields shown in the REST API (a number and a text), and a genre
 * taxonomy for posts.
 */
add_action('init', function () {
	register_post_meta('post', 'rating', array(
		'type'         => 'integer',
		'single'       => true,
		'show_in_rest' => true,
	));
	register_post_meta('post', 'mood', array(
		'type'         => 'string',
		'single'       => true,
		'show_in_rest' => true,
	));
	register_taxonomy('genre', 'post', array(
		'label'        => 'Genres',
		'public'       => true,
		'hierarchical' => false,
		'show_in_rest' => true,
	));
});
