/** The network's directory as the reader sees it: library names in their language, their own library. */
export { useLibraries, useLibraryName, type Library } from './hooks/use-libraries';
export { rememberedLibrary } from './hooks/remembered-library';
export { LibraryChoice } from './components/library-choice';
