export { ProblemNotice } from './problem-notice';
export { Loading } from './loading';
export { useDocumentTitle } from './use-document-title';
