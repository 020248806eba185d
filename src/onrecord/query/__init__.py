"""Read side shared by the CLI, the API and the web pages."""
