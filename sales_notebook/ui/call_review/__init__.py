"""The post-call review pane and the post-mortem wizard."""
