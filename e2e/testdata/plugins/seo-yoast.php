<?php
/*
 * Yoast SEO's REST surface, simulated: its namespace, and its post meta
 * keys as a site that opens them to the REST API registers them (protected
 * keys: an auth_callback lets editors of the post write them). The
 * canonical key is left unregistered, as Yoast itself leaves it.
 */
add_action('rest_api_init', function () {
	register_rest_route('yoast/v1', '/get_head', array(
		'methods'             => 'GET',
		'callback'            => function () { return array('head' => ''); },
		'permission_callback' => '__return_true',
	));
});
add_action('init', function () {
	foreach (array('_yoast_wpseo_metadesc', '_yoast_wpseo_title', '_yoast_wpseo_meta-robots-noindex') as $key) {
		register_post_meta('post', $key, array(
			'type'          => 'string',
			'single'        => true,
			'show_in_rest'  => true,
			'auth_callback' => function ($allowed, $key, $post_id) {
				return current_user_can('edit_post', $post_id);
			},
		));
	}
});
