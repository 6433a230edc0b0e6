<?php
/*
 * Rank Math's REST surface, simulated: its namespace, and its post meta
 * keys registered for the REST API, the robots one as the list Rank Math
 * stores (["noindex"]).
 */
add_action('rest_api_init', function () {
	register_rest_route('rankmath/v1', '/updateMeta', array(
		'methods'             => 'POST',
		'callback'            => function () { return array(); },
		'permission_callback' => function () { return current_user_can('edit_posts'); },
	));
});
add_action('init', function () {
	$edit = function ($allowed, $key, $post_id) {
		return current_user_can('edit_post', $post_id);
	};
	foreach (array('rank_math_description', 'rank_math_title', 'rank_math_canonical_url', 'rank_math_facebook_image') as $key) {
		register_post_meta('post', $key, array(
			'type'          => 'string',
			'single'        => true,
			'show_in_rest'  => true,
			'auth_callback' => $edit,
		));
	}
	register_post_meta('post', 'rank_math_robots', array(
		'type'          => 'array',
		'single'        => true,
		'show_in_rest'  => array('schema' => array('type' => 'array', 'items' => array('type' => 'string'))),
		'auth_callback' => $edit,
	));
});
