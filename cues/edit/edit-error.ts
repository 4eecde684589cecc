// An edit the sheet cannot take (merging across a paragraph, splitting an untimed cue): the UI
// shows the message and the sheet stays as it was.
export class EditError extends Error {
  override name = 'EditError';
}
