"""Stage 8, render: [Finding] + Summary -> text on a stream. Renderers only format."""
